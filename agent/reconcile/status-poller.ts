/**
 * Reads each deployed pool's `show stat` and turns it into operating status of
 * members, pool and VIP. Also keeps the latest rows for /stats and /metrics.
 */
import type { OperatingStatus } from '../../schema/common.js';
import { memberOperatingStatus, poolOperatingStatus, type StatRow } from '../haproxy/stats.js';
import { membersOf, vipOf } from '../service/relations.js';
import type { StatusTracker } from '../status/tracker.js';
import type { Store } from '../store/store.js';
import type { Reconciler } from './reconciler.js';

export class StatusPoller {
  readonly latest = new Map<string, StatRow[]>();

  constructor(
    private readonly store: Store,
    private readonly tracker: StatusTracker,
    private readonly reconciler: Reconciler,
  ) {}

  async pollAll(): Promise<void> {
    await Promise.all([...this.reconciler.deployed.entries()].map(([id, hap]) => this.poll(id, () => hap.stats())));
  }

  private async poll(poolId: string, read: () => Promise<StatRow[]>): Promise<void> {
    const pool = this.store.get('pool', poolId);
    if (!pool) return;
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
      return;
    }
    this.latest.set(poolId, rows);
    const byServer = new Map(rows.filter((r) => r.type === 2 && r.pxname === poolId).map((r) => [r.svname, r]));
    const statuses: OperatingStatus[] = [];
    for (const m of members) {
      const row = byServer.get(m.id);
      const s: OperatingStatus = row ? memberOperatingStatus(row) : 'OFFLINE';
      this.tracker.setOperating(m.id, s);
      if (m.spec.admin_state_up) statuses.push(s);
    }
    const poolStatus = poolOperatingStatus(statuses, pool.spec.admin_state_up as boolean);
    this.tracker.setOperating(poolId, poolStatus);
    if (vip) {
      const fe = rows.find((r) => r.type === 0 && r.pxname === vip.id);
      const open = fe !== undefined && fe.status === 'OPEN' && vip.spec.admin_state_up === true;
      this.tracker.setOperating(vip.id, open ? (poolStatus === 'OFFLINE' ? 'OFFLINE' : poolStatus) : 'OFFLINE');
    }
  }
}
