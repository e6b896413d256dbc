/** Cluster agents as GET /v1/agents shows them (≈ `neutron agent-list`), and the PUT that drains one. */
import { z } from 'zod';

export const ClusterAgent = z.object({
  agent_id: z.string().describe('The agent, as in its `cluster.agent_id`.'),
  alive: z.boolean().describe('Whether its etcd lease is alive.'),
  admin_state_up: z.boolean().describe('False when drained: nothing is scheduled there and its pools move away.'),
  networks: z.array(z.string()).describe('Networks it can host pools on.'),
  driver: z.string().nullable().describe('Data-plane driver.'),
  version: z.string().nullable().describe('Agent version.'),
  availability_zone: z.string().nullable().describe('Availability zone.'),
  pool_count: z.int().describe('Pools assigned to it.'),
  heartbeat_at: z.string().nullable().describe('Last heartbeat this agent saw (RFC 3339).'),
  endpoint: z.string().nullable().describe('Its API address.'),
  leader: z.boolean().describe('Whether it currently runs the scheduler.'),
});
export type ClusterAgent = z.infer<typeof ClusterAgent>;

export const AgentUpdate = z.strictObject({
  admin_state_up: z.boolean().describe('false drains the agent; true takes it back into scheduling.'),
});
