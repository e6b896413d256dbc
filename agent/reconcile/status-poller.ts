/**
 * Reads each deployed pool's `show stat` and turns it into operating status of
 * members, pool and VIP. Also keeps the latest rows for /stats and /metrics.
 *
 * One pass for all pools per tick, but a pool is read only when it is due:
 * every tick while something about it changes (a new run of the reconciler,
 * a status or check result that moved), and at the steady period once it has
 * been quiet for a few reads — still within the 2 s the status must keep up
 * with, at a fraction of the socket round trips.
 */
import type { OperatingStatus } from '../../schema/common.js';
import type { PoolHaproxy } from '../haproxy/manager.js';
import { checkPending, memberOperatingStatus, poolOperatingStatus, type StatRow } from '../haproxy/stats.js';
import { membersOf, vipOf } from '../service/relations.js';
import type { StatusTracker } from '../status/tracker.js';
import type { Store } from '../store/store.js';
import type { Reconciler } from './reconciler.js';

/** Reads without change before a pool drops to the steady period. */
const QUIET_READS = 3;
/** The slowest a pool's status may be refreshed (the agent's promise: within 2 s). */
export const STEADY_MS = 2_000;

interface Schedule {
  hap: PoolHaproxy;
  due: number;
  quiet: number;
  signature: string;
}

export class StatusPoller {
  readonly latest = new Map<string, StatRow[]>();
  private readonly schedule = new Map<string, Schedule>();

  constructor(
    private readonly store: Store,
    private readonly tracker: StatusTracker,
    private readonly reconciler: Reconciler,
    /** The tick (--status-interval); a changing pool is read every tick. */
    private readonly fastMs = 1_000,
  ) {}

  /** Read every pool that is due. `now` for tests. */
  async pollAll(now = performance.now()): Promise<void> {
    const deployed = this.reconciler.deployed;
    for (const id of this.schedule.keys()) if (!deployed.has(id)) this.schedule.delete(id);
    const due = [...deployed.entries()].filter(([id, hap]) => {
      const s = this.schedule.get(id);
      // A new HAProxy object means the reconciler ran for the pool: read it now.
      return !s || s.hap !== hap || s.due <= now + 1;
    });
    await Promise.all(due.map(([id, hap]) => this.poll(id, () => hap.stats()).then((sig) => this.reschedule(id, hap, sig, now))));
  }

  private reschedule(poolId: string, hap: PoolHaproxy, signature: string, now: number): void {
    const prev = this.schedule.get(poolId);
    const quiet = prev && prev.hap === hap && prev.signature === signature ? prev.quiet + 1 : 0;
    const steady = Math.max(this.fastMs, STEADY_MS);
    this.schedule.set(poolId, { hap, quiet, signature, due: now + (quiet >= QUIET_READS ? steady : this.fastMs) });
  }

  /** Returns a signature of what was read: the same signature twice means nothing moved. */
  private async poll(poolId: string, read: () => Promise<StatRow[]>): Promise<string> {
    const pool = this.store.get('pool', poolId);
    if (!pool) return '';
    const vip = vipOf(this.store, poolId);
    const members = membersOf(this.store, poolId);
    let rows: StatRow[];
    try {
      rows = await read();
    } catch {
      // HAProxy is not answering: nothing is being served; the watchdog restarts it.
      this.latest.delete(poolId);
      for (const m of members) this.tracker.setOperating(m.id, 'ERROR');
      this.tracker.setOperating(poolId, 'ERROR');
      if (vip) this.tracker.setOperating(vip.id, 'ERROR');
      return 'unreadable';
    }
    this.latest.set(poolId, rows);
    const byServer = new Map(rows.filter((r) => r.type === 2 && r.pxname === poolId).map((r) => [r.svname, r]));
    const statuses: OperatingStatus[] = [];
    const sig: string[] = [];
    for (const m of members) {
      const row = byServer.get(m.id);
      const s: OperatingStatus = row ? memberOperatingStatus(row) : 'OFFLINE';
      this.tracker.setOperating(m.id, s);
      sig.push(`${m.id}:${m.revision}:${row?.status}:${row?.check_status}:${row?.weight}`);
      // Not yet checked: neither serving nor failing, so it does not make the pool DEGRADED or ERROR.
      if (m.spec.admin_state_up && !(row && checkPending(row))) statuses.push(s);
    }
    const poolStatus = poolOperatingStatus(statuses, pool.spec.admin_state_up as boolean);
    this.tracker.setOperating(poolId, poolStatus);
    if (vip) {
      const fe = rows.find((r) => r.type === 0 && r.pxname === vip.id);
      const open = fe !== undefined && fe.status === 'OPEN' && vip.spec.admin_state_up === true;
      this.tracker.setOperating(vip.id, open ? (poolStatus === 'OFFLINE' ? 'OFFLINE' : poolStatus) : 'OFFLINE');
      sig.push(`${vip.id}:${vip.revision}:${fe?.status}`);
    }
    return `${pool.revision}:${poolStatus}|${sig.join('|')}`;
  }
}
