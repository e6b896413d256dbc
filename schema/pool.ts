import { z } from 'zod';
import { computed, optional, required } from './attr.js';
import { AdminStateUp, Description, Id, Name, NetworkName, Protocol } from './common.js';
import { AgentId } from './cluster.js';
import { bookkeepingAttrs, idAttr, statusAttrs } from './base.js';
import { Topology } from './ha.js';
import { refinePublished } from './published.js';
import type { Rule } from './rules.js';

export const LbMethod = z.enum(['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP'], {
  error: 'must be one of ROUND_ROBIN, LEAST_CONNECTIONS, SOURCE_IP',
});

export const poolAttrs = {
  id: idAttr,
  name: required(Name, 'Human-readable name.'),
  description: optional(Description, 'Free text.', { default: '' }),
  protocol: required(Protocol, 'Protocol balanced by the pool: TCP, HTTP or HTTPS (TLS passed through).', {
    forceNew: true,
  }),
  lb_method: required(LbMethod, 'Balancing algorithm: ROUND_ROBIN, LEAST_CONNECTIONS or SOURCE_IP.'),
  subnet: required(NetworkName, "Name of the agent network the pool's VIP and members live on.", { forceNew: true }),
  admin_state_up: optional(AdminStateUp, 'When false the pool stops taking traffic (its backend is disabled).', {
    default: true,
  }),
  health_monitor_ids: optional(
    refinePublished(
      z.array(Id).max(16, { error: 'at most 16 health monitors per pool' }),
      (ids) => new Set(ids).size === ids.length,
      'must not name a health monitor twice',
      { uniqueItems: true },
    ),
    'Health monitors associated with the pool (a set). A member is ONLINE only when every monitor passes.',
    { default: [] },
  ),
  agent_id: optional(AgentId, 'Cluster mode: the agent that should host the pool (a hint, refused when that agent cannot host it).'),
  topology: optional(
    Topology,
    'SINGLE (one agent) or ACTIVE_STANDBY (two agents, VIP failover by keepalived VRRP; needs cluster mode). Changeable in place.',
    { default: 'SINGLE' },
  ),
  vip_id: computed(Id.nullable(), 'The VIP in front of this pool, if any.'),
  agent_ids: computed(z.array(z.string()), 'Cluster mode: the agents hosting the pool, chosen by the scheduler (empty for a single agent).'),
  member_ids: computed(z.array(Id), 'Members of this pool.'),
  ...statusAttrs,
  ...bookkeepingAttrs,
};

export const poolRules: Rule<unknown> = () => [];
