import { z } from 'zod';
import { computed, optional, optionalComputed, required } from './attr.js';
import { AdminStateUp, Description, Id, IPv4, Name, NetworkName, Port, Protocol } from './common.js';
import { bookkeepingAttrs, idAttr, statusAttrs } from './base.js';
import { refinePublished } from './published.js';
import type { Rule, RuleIssue } from './rules.js';
import { HaStatus } from './ha.js';

/** Cookie names are rendered into the HAProxy config: keep them to characters that need no quoting. */
export const CookieName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, { error: 'must be 1-64 characters of A-Z, a-z, 0-9, "_", "." or "-"' });

export const SessionPersistence = z
  .strictObject({
    type: z
      .enum(['SOURCE_IP', 'HTTP_COOKIE', 'APP_COOKIE'], { error: 'must be one of SOURCE_IP, HTTP_COOKIE, APP_COOKIE' })
      .describe('SOURCE_IP (stick on client address), HTTP_COOKIE (HAProxy inserts a cookie) or APP_COOKIE (stick on the application cookie named cookie_name).'),
    cookie_name: CookieName.optional().describe('Name of the application cookie; required for APP_COOKIE and only for it.'),
  })
  .describe('Session persistence.');
export type SessionPersistence = z.infer<typeof SessionPersistence>;

const LIMIT_ERROR = 'must be -1 (unlimited) or between 1 and 1000000';
export const ConnectionLimit = refinePublished(
  z.int({ error: 'must be an integer' }).min(-1, { error: LIMIT_ERROR }).max(1_000_000, { error: LIMIT_ERROR }),
  (n) => n !== 0,
  LIMIT_ERROR,
  { not: { const: 0 } },
);

export const vipAttrs = {
  id: idAttr,
  name: required(Name, 'Human-readable name.'),
  description: optional(Description, 'Free text.', { default: '' }),
  pool_id: required(Id, 'Pool that receives the traffic (can be changed in place).'),
  subnet: required(NetworkName, 'Agent network the VIP address is on.', { forceNew: true }),
  address: optionalComputed(IPv4, 'VIP address; allocated from the network when omitted.', { forceNew: true }),
  protocol_port: required(Port, 'Port the VIP listens on (1-65535).', { forceNew: true }),
  protocol: required(Protocol, "Protocol; must equal the pool's.", { forceNew: true }),
  connection_limit: optional(ConnectionLimit, 'Maximum concurrent connections; -1 is unlimited.', { default: -1 }),
  session_persistence: optional(SessionPersistence.nullable(), 'Session persistence; null for none.'),
  admin_state_up: optional(AdminStateUp, 'When false the VIP stops accepting connections.', { default: true }),
  port_id: computed(z.string().nullable(), 'The data-plane port carrying the VIP (OVS port name under netns).'),
  ha: computed(HaStatus, "High availability of the VIP: the pool's topology, the hosting agents' VRRP roles, the master and the failovers."),
  ...statusAttrs,
  ...bookkeepingAttrs,
};

interface VipRuleInput {
  protocol?: string;
  session_persistence?: SessionPersistence | null;
}

export const vipRules: Rule<VipRuleInput> = (v) => {
  const issues: RuleIssue[] = [];
  const sp = v.session_persistence;
  if (sp) {
    if (sp.type === 'APP_COOKIE' && !sp.cookie_name) {
      issues.push({ path: ['session_persistence', 'cookie_name'], message: 'is required when type is APP_COOKIE' });
    }
    if (sp.type !== 'APP_COOKIE' && sp.cookie_name !== undefined) {
      issues.push({ path: ['session_persistence', 'cookie_name'], message: 'is only allowed when type is APP_COOKIE' });
    }
    if ((sp.type === 'HTTP_COOKIE' || sp.type === 'APP_COOKIE') && v.protocol && v.protocol !== 'HTTP') {
      issues.push({
        path: ['session_persistence', 'type'],
        message: `${sp.type} needs protocol HTTP (cookies are not visible in ${v.protocol})`,
      });
    }
  }
  return issues;
};
