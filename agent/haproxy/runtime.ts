/**
 * Weight and admin state through the runtime API: no reload, no dropped
 * connection. Level-triggered: reads what the process has and sets only what
 * differs, so it is also how hand-made socket changes get reverted.
 */
import type { PoolModel } from './model.js';
import { socketCommand } from './socket.js';
import { parseServersState } from './stats.js';

export interface RuntimeChange {
  server: string;
  command: string;
}

/** Bring server weights and admin states of the running process to the model. Returns what it changed. */
export async function syncRuntime(adminSocket: string, m: PoolModel): Promise<RuntimeChange[]> {
  const changes = await runtimeChanges(adminSocket, m);
  for (const c of changes) {
    const answer = (await socketCommand(adminSocket, c.command)).trim();
    if (answer) throw new Error(`HAProxy refused "${c.command}": ${answer}`);
  }
  return changes;
}

/** What syncRuntime would change, without changing it (one `show servers state`). */
export async function runtimeChanges(adminSocket: string, m: PoolModel): Promise<RuntimeChange[]> {
  // An admin-down pool's backend is `disabled`: HAProxy answers "Proxy is disabled." to every
  // `set server` on it. Nothing is served there; the values are in the config file, and bringing
  // the pool up is a reload that applies them (and syncs again afterwards).
  if (!m.adminUp) return [];
  const actual = new Map(parseServersState(await socketCommand(adminSocket, `show servers state ${m.poolId}`)).map((s) => [s.name, s]));
  const changes: RuntimeChange[] = [];
  for (const s of m.servers) {
    const a = actual.get(s.id);
    if (!a) continue; // not in the running config: the caller reloads
    if (a.weight !== s.weight) changes.push({ server: s.id, command: `set server ${m.poolId}/${s.id} weight ${s.weight}` });
    if (a.maint === s.adminUp) {
      changes.push({ server: s.id, command: `set server ${m.poolId}/${s.id} state ${s.adminUp ? 'ready' : 'maint'}` });
    }
  }
  return changes;
}
