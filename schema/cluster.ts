/** The `cluster` section of the agent config: several agents sharing one desired state in etcd. */
import { z } from 'zod';

export const AgentId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,30}$/, { error: 'must be 1-31 characters of a-z, 0-9 and "-", starting with a letter or digit' });

const EtcdEndpoint = z
  .string()
  .regex(/^https?:\/\/[^\s/]+(:\d{1,5})?\/?$/, { error: 'must be an http:// or https:// URL of an etcd client endpoint, e.g. http://127.0.0.1:2379' });

export const ClusterConfig = z.strictObject({
  etcd: z
    .strictObject({
      endpoints: z.array(EtcdEndpoint).min(1, { error: 'needs at least one etcd endpoint' }).describe('etcd client URLs.'),
      prefix: z
        .string()
        .regex(/^\/[A-Za-z0-9_.\/-]*[A-Za-z0-9_.-]$/, { error: 'must be an absolute key prefix such as /lbaas (no trailing slash)' })
        .default('/lbaas')
        .describe('Key prefix of this cluster in etcd.'),
      tls: z
        .strictObject({
          ca: z.string().min(1).describe('CA certificate file (PEM).'),
          cert: z.string().min(1).optional().describe('Client certificate file (PEM).'),
          key: z.string().min(1).optional().describe('Key of the client certificate (PEM).'),
        })
        .refine((t) => Boolean(t.cert) === Boolean(t.key), { error: 'cert and key go together', path: ['cert'] })
        .optional(),
    })
    .describe('Where the desired state lives.'),
  agent_id: AgentId.describe('This agent in the cluster: unique, stable across restarts.'),
  availability_zone: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).optional().describe('Spreads pairs of agents across zones.'),
  reschedule_after: z
    .number()
    .min(1)
    .max(3600)
    .default(30)
    .describe('Seconds an agent may be gone (lease lost) before its pools move to other agents.'),
});
export type ClusterConfig = z.infer<typeof ClusterConfig>;
