/**
 * Ownership markers for things outside OVS (OVS ports carry theirs in
 * external_ids, see agent/ovs/port.ts).
 *
 * Namespaces: the marker is the interface alias (IFLA_IFALIAS) of the
 * namespace's own `lo`: "lbaas-owner=<agent id> lbaas-pool=<pool id>".
 * Chosen over a file under /run or the state directory because it lives
 * inside the namespace itself: visible on the host (`ip -n qlbaas-… link show
 * lo`), created and destroyed with the namespace, so it can never go stale or
 * be lost while the namespace survives an agent reinstall. A namespace someone
 * created by hand under our name has no such alias and is refused.
 * Host-side veth ends (`tap…`) carry the same alias.
 *
 * The alias can only be set once the namespace exists. To close the window
 * between `ip netns add` and setting it (an agent killed right there would
 * leave an unmarked namespace it then refuses forever), an intent file
 * `<stateDir>/netns-intent/<pool id>` is written before creating and removed
 * once the marker is on; an unmarked namespace with an intent file is ours.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertPoolId } from './names.js';

export interface Marker {
  owner: string;
  pool: string;
}

export function formatMarker(m: Marker): string {
  return `lbaas-owner=${m.owner} lbaas-pool=${m.pool}`;
}

export function parseMarker(alias: string | undefined): Marker | undefined {
  const m = /^lbaas-owner=(\S+) lbaas-pool=(\S+)$/.exec(alias ?? '');
  return m ? { owner: m[1]!, pool: m[2]! } : undefined;
}

export function isOurs(alias: string | undefined, owner: string, pool: string): boolean {
  const m = parseMarker(alias);
  return m !== undefined && m.owner === owner && m.pool === pool;
}

function intentPath(stateDir: string, poolId: string): string {
  return path.join(stateDir, 'netns-intent', assertPoolId(poolId));
}

export async function writeIntent(stateDir: string, poolId: string, owner: string): Promise<void> {
  const p = intentPath(stateDir, poolId);
  await mkdir(path.dirname(p), { recursive: true, mode: 0o700 });
  await writeFile(p, `${owner}\n`, { mode: 0o600 });
}

export async function hasIntent(stateDir: string, poolId: string): Promise<boolean> {
  try {
    await stat(intentPath(stateDir, poolId));
    return true;
  } catch {
    return false;
  }
}

export async function clearIntent(stateDir: string, poolId: string): Promise<void> {
  await rm(intentPath(stateDir, poolId), { force: true });
}
