/** GET /v1/agent */
import { z } from 'zod';

export const AgentInfo = z.object({
  version: z.string().describe('Agent version.'),
  driver: z.enum(['local', 'netns']).describe('Data-plane driver in use.'),
  driver_reason: z.string().describe('Why this driver was chosen.'),
  datapath: z.string().nullable().describe('OVS datapath type (system or netdev) under netns; null under local.'),
  haproxy_version: z.string().describe('HAProxy version driving the data plane.'),
  networks: z
    .array(
      z.object({
        name: z.string(),
        cidr: z.string(),
        bridge: z.string().nullable(),
        vlan: z.int().nullable(),
        gateway: z.string().nullable(),
      }),
    )
    .describe('Networks a pool/VIP `subnet` can name.'),
  cluster: z
    .object({
      agent_id: z.string(),
      etcd: z.enum(['ok', 'unavailable']).describe('unavailable: reads are stale, writes answer 503.'),
      leader: z.string().nullable().describe('Agent running the scheduler.'),
      revision: z.int().describe('etcd revision of this agent\'s view.'),
    })
    .nullable()
    .optional()
    .describe('Cluster mode: this agent and the etcd it shares; absent for a single agent.'),
  capabilities: z.array(z.string()).describe('Feature flags, e.g. runtime_weight, seamless_reload, ping_monitor_as_tcp.'),
});
export type AgentInfo = z.infer<typeof AgentInfo>;
