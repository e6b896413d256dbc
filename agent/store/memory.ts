/**
 * The in-memory desired state both stores serve reads from: objects by kind,
 * a pool index, idempotency keys and allocation cursors. The journal store
 * fills it from disk; the etcd store from a list plus a watch.
 */
import type { Kind } from '../../schema/resources.js';
import type { IdempotencyEntry, StoreRecord, StoredObject } from './types.js';

export interface State {
  objects: Record<Kind, Record<string, StoredObject>>;
  idempotency: Record<string, IdempotencyEntry>;
  cursors: Record<string, number>;
}

/** Maps keyed by user-influenced strings have no prototype: a key like "constructor" is just a key. */
export const dict = <T>(from: Record<string, T> = {}): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, from);

export const emptyState = (): State => ({
  objects: { pool: dict(), member: dict(), vip: dict(), health_monitor: dict() },
  idempotency: dict(),
  cursors: dict(),
});

/** A loaded snapshot, with every map made prototype-free. */
export function normalize(s: State): State {
  return {
    objects: {
      pool: dict(s.objects.pool),
      member: dict(s.objects.member),
      vip: dict(s.objects.vip),
      health_monitor: dict(s.objects.health_monitor),
    },
    idempotency: dict(s.idempotency),
    cursors: dict(s.cursors),
  };
}

export function applyRecord(s: State, r: StoreRecord): void {
  for (const o of r.puts ?? []) s.objects[o.kind][o.id] = o;
  for (const d of r.dels ?? []) delete s.objects[d.kind][d.id];
  for (const i of r.idem ?? []) s.idempotency[i.key] = i.entry;
  for (const k of r.idemDels ?? []) delete s.idempotency[k];
  Object.assign(s.cursors, r.cursors ?? {});
}

export class MemoryState {
  state: State = emptyState();
  /** pool_id → ids of the members / VIPs in it: reads by pool must not scan every object. */
  private readonly poolIndex: Record<'member' | 'vip', Map<string, Set<string>>> = { member: new Map(), vip: new Map() };

  /** Replace everything (load from disk, relist from etcd). */
  reset(s: State): void {
    this.state = s;
    this.poolIndex.member.clear();
    this.poolIndex.vip.clear();
    for (const kind of ['member', 'vip'] as const) for (const o of Object.values(s.objects[kind])) this.index(o, true);
  }

  get(kind: Kind, id: string): StoredObject | undefined {
    return this.state.objects[kind][id];
  }

  list(kind: Kind): StoredObject[] {
    return Object.values(this.state.objects[kind]);
  }

  inPool(kind: 'member' | 'vip', poolId: string): StoredObject[] {
    const ids = this.poolIndex[kind].get(poolId);
    return ids ? [...ids].map((id) => this.state.objects[kind][id]!) : [];
  }

  idempotency(key: string): IdempotencyEntry | undefined {
    return this.state.idempotency[key];
  }

  cursor(network: string): number | undefined {
    return this.state.cursors[network];
  }

  /** Apply a committed record, keeping the pool index in step. */
  apply(rec: StoreRecord): void {
    for (const o of [...(rec.puts ?? []), ...(rec.dels ?? [])]) {
      const old = this.state.objects[o.kind][o.id];
      if (old) this.index(old, false);
    }
    applyRecord(this.state, rec);
    for (const o of rec.puts ?? []) this.index(o, true);
  }

  private index(o: StoredObject, add: boolean): void {
    if (o.kind !== 'member' && o.kind !== 'vip') return;
    const byPool = this.poolIndex[o.kind];
    const poolId = o.spec.pool_id as string;
    let ids = byPool.get(poolId);
    if (add) {
      if (!ids) byPool.set(poolId, (ids = new Set()));
      ids.add(o.id);
    } else if (ids) {
      ids.delete(o.id);
      if (ids.size === 0) byPool.delete(poolId);
    }
  }
}
