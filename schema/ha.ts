/**
 * High availability (ACTIVE_STANDBY pools, keepalived VRRP): the pool's
 * `topology` and the VIP's computed `ha`. See DESIGN.md "High availability".
 */
import { z } from 'zod';
import { Timestamp } from './common.js';

export const Topology = z
  .enum(['SINGLE', 'ACTIVE_STANDBY'], { error: 'must be one of SINGLE, ACTIVE_STANDBY' })
  .describe('SINGLE: one agent hosts the pool. ACTIVE_STANDBY: two agents, the VIP moves by VRRP (needs cluster mode).');
export type Topology = z.infer<typeof Topology>;

export const VrrpRole = z.enum(['MASTER', 'BACKUP', 'FAULT', 'UNKNOWN']);
export type VrrpRole = z.infer<typeof VrrpRole>;

export const FailoverReason = z.enum(['peer_lost', 'haproxy_check_failed', 'agent_drained', 'preempted', 'unknown']);
export type FailoverReason = z.infer<typeof FailoverReason>;

export const HaAgent = z.object({
  agent_id: z.string().describe('Hosting agent.'),
  role: VrrpRole.describe('VRRP role of this agent for the pool: MASTER holds the VIP.'),
  vrrp_address: z.string().nullable().describe("The agent's own address on the VIP's network (VRRP adverts)."),
});
export type HaAgent = z.infer<typeof HaAgent>;

export const FailoverEvent = z.object({
  at: Timestamp,
  from_agent_id: z.string().nullable().describe('Master before (null: none).'),
  to_agent_id: z.string().nullable().describe('Master after (null: none).'),
  reason: FailoverReason.describe('peer_lost, haproxy_check_failed, agent_drained, preempted or unknown.'),
});
export type FailoverEvent = z.infer<typeof FailoverEvent>;

export const HaStatus = z.object({
  topology: Topology,
  master_agent_id: z.string().nullable().describe('Agent holding the VIP now; null when none (or SINGLE).'),
  agents: z.array(HaAgent).describe('Hosting agents and their roles (empty for SINGLE).'),
  last_failover_at: Timestamp.nullable().describe('Time of the last change of master; null if none.'),
  failovers: z.array(FailoverEvent).describe('The most recent failovers, newest first.'),
});
export type HaStatus = z.infer<typeof HaStatus>;

