/**
 * The leader's scheduling pass: compute placement from the view and write
 * each changed assignment in its own txn that also checks this agent still
 * leads and the pool and its assignment are as seen — a leader dying mid-pass
 * leaves every pool either as it was or fully moved, never half-assigned.
 */
import type { Etcd3 } from 'etcd3';
import type { Log } from '../log.js';
import type { Mirror } from './mirror.js';
import { place, type PlacementAgent } from './placement.js';
import type { Registry } from './registry.js';

/** A pass at least this often (leases expire without an event of ours). */
const PASS_MS = 1_000;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  /** agent id → when this agent last saw its lease record. */
  private readonly lastSeen = new Map<string, number>();

  constructor(
    private readonly client: Etcd3,
    private readonly mirror: Mirror,
    private readonly registry: Registry,
    private readonly rescheduleAfterMs: number,
    private readonly log: Log,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.kick(), PASS_MS);
    this.timer.unref();
    for (const ev of ['agents', 'desired', 'assign', 'relisted']) this.mirror.on(ev, () => this.kick());
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass()
      .catch((err: unknown) => this.log.warn('scheduler pass failed', { error: err instanceof Error ? err.message : String(err) }))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private agents(): PlacementAgent[] {
    const now = Date.now();
    for (const id of this.mirror.agents.keys()) this.lastSeen.set(id, now);
    const ids = new Set([...this.mirror.agents.keys(), ...[...this.mirror.assign.values()].flatMap((a) => a.agent_ids)]);
    const since = this.registry.leaderSince ?? now;
    return [...ids].map((id) => {
      const rec = this.mirror.agents.get(id);
      return {
        id,
        alive: rec !== undefined,
        adminUp: this.mirror.admin.get(id) !== false,
        networks: rec?.networks ?? [],
        goneMs: rec ? 0 : now - Math.max(this.lastSeen.get(id) ?? since, since),
      };
    });
  }

  private async pass(): Promise<void> {
    if (!this.registry.isLeader || this.mirror.stale) return;
    const k = this.mirror.keys;
    const pools = this.mirror.mem.list('pool').map((p) => ({
      id: p.id,
      subnet: p.spec.subnet as string,
      hint: (p.spec.agent_id as string | null | undefined) ?? null,
      current: this.mirror.assign.get(p.id)?.agent_ids ?? [],
      wants: 1,
    }));
    // Gone agents keep their networks in placement until they are moved off.
    const agents = this.agents().map((a) => (a.alive ? a : { ...a, networks: pools.filter((p) => p.current.includes(a.id)).map((p) => p.subnet) }));
    const changes = place(pools, agents, this.rescheduleAfterMs);
    for (const [pool, ids] of changes) {
      const cur = this.mirror.assign.get(pool);
      const r = await this.client
        .if(k.leader, 'Value', '==', this.registry.agentId)
        .and(k.obj('pool', pool), 'Create', '>', 0)
        .and(k.assign(pool), 'Mod', '==', cur?.rev ?? 0)
        .then(this.client.put(k.assign(pool)).value(JSON.stringify({ agent_ids: ids, at: new Date().toISOString() })))
        .commit();
      if (r.succeeded) this.log.info('scheduled', { pool, from: cur?.agent_ids ?? [], to: ids });
      else return; // the view is behind or leadership moved: the next pass decides again
    }
    for (const pool of this.mirror.assign.keys()) {
      if (this.mirror.mem.get('pool', pool)) continue;
      await this.client.if(k.obj('pool', pool), 'Create', '==', 0).then(this.client.delete().key(k.assign(pool))).commit();
    }
  }
}
