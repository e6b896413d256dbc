/**
 * The reconciler's view in cluster mode: the shared desired state, with only
 * the pools the scheduler assigned to this agent. A pool assigned elsewhere
 * looks absent, so the same reconciler removes what this agent still runs
 * for it, and touches nothing else.
 */
import type { Kind } from '../../schema/resources.js';
import type { IdempotencyEntry, Store, StoredObject, Tx } from '../store/types.js';
import type { ClusterTracker } from './status.js';

export class AssignedStore implements Store {
  constructor(
    private readonly inner: Store,
    private readonly tracker: ClusterTracker,
  ) {}

  get stale(): boolean {
    return this.inner.stale;
  }
  async open(): Promise<void> {}
  async close(): Promise<void> {}

  get(kind: Kind, id: string): StoredObject | undefined {
    if (kind === 'pool' && !this.tracker.hostedHere(id)) return undefined;
    return this.inner.get(kind, id);
  }
  list(kind: Kind): StoredObject[] {
    const all = this.inner.list(kind);
    return kind === 'pool' ? all.filter((p) => this.tracker.hostedHere(p.id)) : all;
  }
  inPool(kind: 'member' | 'vip', poolId: string): StoredObject[] {
    return this.tracker.hostedHere(poolId) ? this.inner.inPool(kind, poolId) : [];
  }
  idempotency(key: string): IdempotencyEntry | undefined {
    return this.inner.idempotency(key);
  }
  cursor(network: string): number | undefined {
    return this.inner.cursor(network);
  }
  write<T>(_fn: (tx: Tx) => T): Promise<T> {
    return Promise.reject(new Error('the reconciler does not write desired state'));
  }
}
