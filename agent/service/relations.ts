/** Who refers to whom, read from the store. */
import type { Kind } from '../../schema/resources.js';
import type { Store, StoredObject } from '../store/store.js';

export function membersOf(store: Store, poolId: string): StoredObject[] {
  return store.inPool('member', poolId);
}

export function vipOf(store: Store, poolId: string): StoredObject | undefined {
  return store.inPool('vip', poolId)[0];
}

export function poolsWithMonitor(store: Store, monitorId: string): StoredObject[] {
  return store.list('pool').filter((p) => (p.spec.health_monitor_ids as string[]).includes(monitorId));
}

/** Pools whose data plane a change of this object (before → after) affects. */
export function affectedPools(store: Store, kind: Kind, id: string, specs: (Record<string, unknown> | undefined)[]): string[] {
  const out = new Set<string>();
  for (const s of specs) {
    if (!s) continue;
    if (kind === 'pool') out.add(id);
    else if (kind === 'member' || kind === 'vip') out.add(s.pool_id as string);
  }
  if (kind === 'health_monitor') for (const p of poolsWithMonitor(store, id)) out.add(p.id);
  return [...out];
}

/** The pool an object's data plane lives in (for in_sync and drift). */
export function poolIdsOf(store: Store, o: StoredObject): string[] {
  if (o.kind === 'pool') return [o.id];
  if (o.kind === 'health_monitor') return poolsWithMonitor(store, o.id).map((p) => p.id);
  return [o.spec.pool_id as string];
}
