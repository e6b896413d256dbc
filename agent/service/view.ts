/** An object as the API returns it: its spec plus everything computed. */
import type { OperatingStatus } from '../../schema/common.js';
import type { StatusTracker } from '../status/tracker.js';
import type { Store, StoredObject } from '../store/store.js';
import { membersOf, poolIdsOf, poolsWithMonitor, vipOf } from './relations.js';
import { singleHa } from '../ha/status.js';

export function viewOf(store: Store, tracker: StatusTracker, o: StoredObject): Record<string, unknown> {
  const pools = poolIdsOf(store, o);
  const provisioning = tracker.provisioning(o.id, o.revision, pools, o.created_at === o.updated_at);
  const inSync = provisioning === 'ACTIVE' && pools.every((p) => tracker.inSync(p));
  const computed: Record<string, unknown> = {};
  let fallback: OperatingStatus = 'OFFLINE';
  switch (o.kind) {
    case 'pool':
      computed.vip_id = vipOf(store, o.id)?.id ?? null;
      computed.member_ids = membersOf(store, o.id).map((m) => m.id);
      computed.agent_ids = tracker.agentIds(o.id);
      break;
    case 'health_monitor':
      computed.pool_ids = poolsWithMonitor(store, o.id).map((p) => p.id);
      fallback = o.spec.admin_state_up ? 'ONLINE' : 'OFFLINE';
      break;
    case 'vip':
      computed.port_id = tracker.portOf(o.spec.pool_id as string) ?? null;
      // Single-agent mode hosts SINGLE pools only; cluster mode merges the agents' reports (agent/ha/status.ts).
      computed.ha = singleHa();
      break;
    case 'member':
      break;
  }
  const operating = o.kind === 'health_monitor' ? fallback : (tracker.operatingOf(o.id, pools[0]) ?? fallback);
  if (o.kind === 'member') computed.status = operating === 'ERROR' || operating === 'OFFLINE' ? 'INACTIVE' : 'ACTIVE';
  return {
    id: o.id,
    ...o.spec,
    ...computed,
    provisioning_status: provisioning,
    operating_status: operating,
    status_message: provisioning === 'ERROR' ? pools.map((p) => tracker.poolError(p)).find(Boolean) ?? null : null,
    revision: o.revision,
    in_sync: inSync,
    drift_events: tracker.driftOf(o.id, pools[0]),
    created_at: o.created_at,
    updated_at: o.updated_at,
  };
}
