/** Desired state of one pool → the HAProxy model, or null when nothing should run (no VIP). */
import type { PoolModel } from '../haproxy/model.js';
import type { SessionPersistence } from '../../schema/vip.js';
import type { Store } from '../store/store.js';
import { membersOf, vipOf } from '../service/relations.js';

export function buildPoolModel(store: Store, poolId: string): PoolModel | null {
  const pool = store.get('pool', poolId);
  if (!pool) return null;
  const vip = vipOf(store, poolId);
  if (!vip) return null;
  const p = pool.spec;
  const monitors = (p.health_monitor_ids as string[])
    .map((id) => store.get('health_monitor', id))
    .filter((m) => m !== undefined && m.spec.admin_state_up === true)
    .map((m) => ({
      id: m!.id,
      type: m!.spec.type as PoolModel['monitors'][number]['type'],
      delay: m!.spec.delay as number,
      timeout: m!.spec.timeout as number,
      max_retries: m!.spec.max_retries as number,
      http_method: (m!.spec.http_method as string | null) ?? null,
      url_path: (m!.spec.url_path as string | null) ?? null,
      expected_codes: (m!.spec.expected_codes as string | null) ?? null,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const servers = membersOf(store, poolId)
    .map((m) => ({
      id: m.id,
      address: m.spec.address as string,
      port: m.spec.protocol_port as number,
      weight: m.spec.weight as number,
      adminUp: m.spec.admin_state_up as boolean,
      backup: m.spec.backup as boolean,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const v = vip.spec;
  return {
    poolId,
    protocol: p.protocol as PoolModel['protocol'],
    lbMethod: p.lb_method as PoolModel['lbMethod'],
    adminUp: p.admin_state_up as boolean,
    vip: {
      id: vip.id,
      address: v.address as string,
      port: v.protocol_port as number,
      connectionLimit: v.connection_limit as number,
      persistence: (v.session_persistence as SessionPersistence | null) ?? null,
      adminUp: v.admin_state_up as boolean,
    },
    monitors,
    servers,
  };
}
