/**
 * Observed state in cluster mode: the local tracker for the pools this agent
 * hosts, the hosting agent's `status/` entry (from the watch) for the others.
 * Generations are desired-state revisions: a write needs the hosting agent to
 * have reconciled from a view at least as new as its commit, so `?wait=`
 * works whichever agent took the request.
 */
import type { DriftEvent, OperatingStatus } from '../../schema/common.js';
import { StatusTracker } from '../status/tracker.js';
import type { PoolObserved } from '../observed/types.js';
import type { Mirror } from './mirror.js';

type Provisioning = 'PENDING_CREATE' | 'PENDING_UPDATE' | 'ACTIVE' | 'ERROR';

export class ClusterTracker extends StatusTracker {
  constructor(
    private readonly mirror: Mirror,
    readonly agentId: string,
  ) {
    super();
    mirror.on('status', () => this.events.emit('change'));
    mirror.on('assign', () => this.events.emit('change'));
  }

  hostOf(poolId: string): string | undefined {
    return this.mirror.assign.get(poolId)?.agent_ids[0];
  }

  override agentIds(poolId: string): string[] {
    return this.mirror.assign.get(poolId)?.agent_ids ?? [];
  }

  hostedHere(poolId: string): boolean {
    return this.hostOf(poolId) === this.agentId;
  }

  private remote(poolId: string): PoolObserved | undefined {
    const host = this.hostOf(poolId);
    return host ? this.mirror.status.get(`${host}/${poolId}`) : undefined;
  }

  private applied(poolId: string): number {
    return this.hostedHere(poolId) ? this.snapshot(poolId, []).applied : (this.remote(poolId)?.applied ?? 0);
  }

  override touch(_objectId: string, poolIds: string[]): Map<string, number> {
    return new Map([...new Set(poolIds)].map((p) => [p, this.mirror.desiredRev]));
  }

  override startRun(): number {
    return this.mirror.desiredRev;
  }

  override isLive(needs: Map<string, number>): boolean {
    for (const [p, n] of needs) {
      if (!this.mirror.mem.get('pool', p)) continue; // deleted: nothing to wait for
      if (this.applied(p) < n) return false;
    }
    return true;
  }

  override provisioning(_objectId: string, revision = 0, pools: string[] = [], created = false): Provisioning {
    for (const p of pools) {
      if (this.poolError(p)) return 'ERROR';
      if (this.applied(p) < revision) return created ? 'PENDING_CREATE' : 'PENDING_UPDATE';
    }
    return 'ACTIVE';
  }

  override poolError(poolId: string): string | undefined {
    return this.hostedHere(poolId) ? super.poolError(poolId) : (this.remote(poolId)?.error ?? undefined);
  }

  override operatingOf(objectId: string, poolId?: string): OperatingStatus | undefined {
    if (!poolId || this.hostedHere(poolId)) return super.operatingOf(objectId);
    return this.remote(poolId)?.objects[objectId]?.operating;
  }

  override driftOf(objectId: string, poolId?: string): DriftEvent[] {
    if (!poolId || this.hostedHere(poolId)) return super.driftOf(objectId);
    return this.remote(poolId)?.objects[objectId]?.drift ?? [];
  }

  override inSync(poolId: string): boolean {
    return this.hostedHere(poolId) ? super.inSync(poolId) : (this.remote(poolId)?.in_sync ?? true);
  }

  override portOf(poolId: string): string | null | undefined {
    return this.hostedHere(poolId) ? super.portOf(poolId) : this.remote(poolId)?.port_id;
  }
}
