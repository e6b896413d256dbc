import { z } from 'zod';
import { computed, optional, required } from './attr.js';
import { AdminStateUp, Id, IPv4, Port } from './common.js';
import { bookkeepingAttrs, idAttr, statusAttrs } from './base.js';
import { refinePublished } from './published.js';
import type { Rule } from './rules.js';

export const Weight = z
  .int({ error: 'must be an integer' })
  .min(0, { error: 'must be between 0 and 256' })
  .max(256, { error: 'must be between 0 and 256' });

/**
 * A unicast IPv4 address. HAProxy reads a server at 0.0.0.0 as "connect to the
 * address the client connected to", i.e. back into the VIP (a loop);
 * multicast (224/4), reserved (240/4) and broadcast addresses cannot be
 * connected to.
 */
export const MemberAddress = refinePublished(
  IPv4,
  (ip) => {
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return true; // not an address at all: the IPv4 check already says so
    const first = Number(ip.split('.')[0]);
    return first !== 0 && first < 224;
  },
  'must be a unicast IPv4 address (not in 0.0.0.0/8, multicast, reserved or broadcast)',
  // First octet 0 or 224-255.
  { not: { pattern: '^(?:0|22[4-9]|2[3-5][0-9])\\.' } },
);

export const memberAttrs = {
  id: idAttr,
  pool_id: required(Id, 'Pool the member belongs to.', { forceNew: true }),
  address: required(MemberAddress, "Member's IPv4 address (unicast).", { forceNew: true }),
  protocol_port: required(Port, 'Port the member listens on (1-65535).', { forceNew: true }),
  weight: optional(
    Weight,
    'Relative share of new connections, 0-256. 0 drains: no new connections, existing ones finish.',
    { default: 1 },
  ),
  admin_state_up: optional(AdminStateUp, 'When false the member is kept but takes no traffic (maintenance).', {
    default: true,
  }),
  backup: optional(z.boolean({ error: 'must be a boolean' }), 'Only used when every non-backup member is down.', {
    default: false,
  }),
  status: computed(z.enum(['ACTIVE', 'INACTIVE']), 'Neutron LBaaS v1 status: INACTIVE when a monitor marks it down.'),
  ...statusAttrs,
  ...bookkeepingAttrs,
};

export const memberRules: Rule<unknown> = () => [];
