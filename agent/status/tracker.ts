/**
 * Runtime status that is observed, not desired: which writes are live on the
 * data plane (per-pool generations), operating status read from HAProxy,
 * reconcile errors, and drift events. Kept in memory and persisted through
 * an ObservedStore (agent/observed/): every change calls `onDirty`, and a
 * restarted agent is seeded from what was persisted, so drift history and
 * operating status survive `kill -9`.
 */
import { EventEmitter } from 'node:events';
import type { DriftEvent, OperatingStatus } from '../../schema/common.js';
import type { PoolObserved } from '../observed/types.js';

/** Drift events kept per object: enough to see a flapping pattern, bounded memory. */
const MAX_DRIFT_EVENTS = 10;

interface PoolGen {
  wanted: number;
  done: number;
  error: string | undefined;
}

export class StatusTracker {
  /** Called after any observed change (the persister flushes soon after). */
  onDirty: () => void = () => undefined;
  private readonly pools = new Map<string, PoolGen>();
  /** object id → (pool id → generation that must be done for this object to be live) */
  private readonly pending = new Map<string, Map<string, number>>();
  private readonly created = new Set<string>();
  private readonly operating = new Map<string, OperatingStatus>();
  private readonly drift = new Map<string, DriftEvent[]>();
  private readonly outOfSync = new Set<string>();
  private readonly ports = new Map<string, string | null>();
  protected readonly events = new EventEmitter().setMaxListeners(0);

  private gen(poolId: string): PoolGen {
    let g = this.pools.get(poolId);
    if (!g) this.pools.set(poolId, (g = { wanted: 0, done: 0, error: undefined }));
    return g;
  }

  /** A write to `objectId` needs these pools reconciled; returns what to wait for. */
  touch(objectId: string, poolIds: string[], isCreate: boolean): Map<string, number> {
    const needs = new Map<string, number>();
    for (const p of new Set(poolIds)) needs.set(p, ++this.gen(p).wanted);
    if (isCreate) this.created.add(objectId);
    this.pending.set(objectId, needs);
    return needs;
  }

  /** The generation a reconcile run of `poolId` starting now will make live. */
  startRun(poolId: string): number {
    return this.gen(poolId).wanted;
  }

  finishRun(poolId: string, generation: number, error?: string): void {
    const g = this.gen(poolId);
    if (error) {
      g.error = error;
    } else {
      g.error = undefined;
      if (generation > g.done) g.done = generation;
    }
    this.events.emit('change');
    this.onDirty();
  }

  poolError(poolId: string): string | undefined {
    return this.pools.get(poolId)?.error;
  }

  isLive(needs: Map<string, number>): boolean {
    for (const [p, n] of needs) if ((this.pools.get(p)?.done ?? 0) < n) return false;
    return true;
  }

  /** PENDING_CREATE / PENDING_UPDATE / ACTIVE / ERROR of an object. */
  // The extra arguments serve the cluster tracker, which decides by revision.
  provisioning(objectId: string, _revision?: number, _pools?: string[], _created?: boolean): 'PENDING_CREATE' | 'PENDING_UPDATE' | 'ACTIVE' | 'ERROR' {
    const needs = this.pending.get(objectId);
    if (!needs || this.isLive(needs)) {
      this.pending.delete(objectId);
      this.created.delete(objectId);
      return 'ACTIVE';
    }
    for (const p of needs.keys()) if (this.pools.get(p)?.error) return 'ERROR';
    return this.created.has(objectId) ? 'PENDING_CREATE' : 'PENDING_UPDATE';
  }

  /** Resolve when every pool in `needs` has caught up, or after `ms`. True when live. */
  async waitLive(needs: Map<string, number>, ms: number): Promise<boolean> {
    if (this.isLive(needs)) return true;
    return new Promise((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(timer);
        this.events.off('change', check);
        resolve(v);
      };
      const check = () => {
        if (this.isLive(needs)) done(true);
      };
      const timer = setTimeout(() => done(this.isLive(needs)), ms);
      this.events.on('change', check);
    });
  }

  setOperating(objectId: string, s: OperatingStatus): void {
    if (this.operating.get(objectId) === s) return;
    this.operating.set(objectId, s);
    this.onDirty();
  }

  operatingOf(objectId: string, _poolId?: string): OperatingStatus | undefined {
    return this.operating.get(objectId);
  }

  recordDrift(objectIds: string[], e: Omit<DriftEvent, 'at'>): void {
    const ev: DriftEvent = { at: new Date().toISOString(), ...e };
    for (const id of objectIds) {
      const list = this.drift.get(id) ?? [];
      list.unshift(ev);
      this.drift.set(id, list.slice(0, MAX_DRIFT_EVENTS));
    }
    this.onDirty();
  }

  driftOf(objectId: string, _poolId?: string): DriftEvent[] {
    return this.drift.get(objectId) ?? [];
  }

  /** Agents hosting a pool (cluster mode; a single agent reports none). */
  agentIds(_poolId: string): string[] {
    return [];
  }

  /** Audit verdict for a pool: the data plane differs from desired and is not (yet) repaired. */
  setInSync(poolId: string, inSync: boolean): void {
    if (inSync === this.inSync(poolId)) return;
    if (inSync) this.outOfSync.delete(poolId);
    else this.outOfSync.add(poolId);
    this.onDirty();
  }

  inSync(poolId: string): boolean {
    return !this.outOfSync.has(poolId);
  }

  /** Data-plane port of a pool's VIP, as the driver reported it. */
  setPort(poolId: string, portId: string | null): void {
    if (this.ports.get(poolId) === portId) return;
    this.ports.set(poolId, portId);
    this.onDirty();
  }

  portOf(poolId: string): string | null | undefined {
    return this.ports.get(poolId);
  }

  forget(objectId: string): void {
    this.ports.delete(objectId);
    this.pending.delete(objectId);
    this.created.delete(objectId);
    this.operating.delete(objectId);
    this.drift.delete(objectId);
    this.outOfSync.delete(objectId);
  }

  /** What is observed of one pool and the objects in it, for persistence. */
  snapshot(poolId: string, objectIds: string[]): PoolObserved {
    const objects: PoolObserved['objects'] = {};
    for (const id of [poolId, ...objectIds]) {
      const operating = this.operating.get(id);
      const drift = this.drift.get(id);
      if (operating === undefined && !drift?.length) continue;
      objects[id] = { ...(operating ? { operating } : {}), ...(drift?.length ? { drift } : {}) };
    }
    const g = this.pools.get(poolId);
    return { applied: g?.done ?? 0, error: g?.error ?? null, in_sync: this.inSync(poolId), port_id: this.ports.get(poolId) ?? null, objects };
  }

  /** Restore what an earlier run of this agent persisted (before the first reconcile). */
  seed(poolId: string, o: PoolObserved): void {
    for (const [id, v] of Object.entries(o.objects)) {
      if (v.operating) this.operating.set(id, v.operating);
      if (v.drift?.length) this.drift.set(id, v.drift.slice(0, MAX_DRIFT_EVENTS));
    }
    if (!o.in_sync) this.outOfSync.add(poolId);
    if (o.port_id !== null) this.ports.set(poolId, o.port_id);
    if (o.error) this.gen(poolId).error = o.error;
  }
}
