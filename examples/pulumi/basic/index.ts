/**
 * An lbaas load balancer in front of three backends.
 *
 * Stack config (see README.md):
 *   lbaas:endpoint, lbaas:token (secret)   the agent (or LBAAS_ENDPOINT / LBAAS_TOKEN)
 *   backends      [{"address": "127.0.0.1", "port": 8081, "weight": 1}, ...]
 *   vipPort       port the VIP listens on
 *   vipAddress    optional: the agent allocates one from the network when omitted
 *   subnet        optional: agent network of the pool and VIP (default "local", the local driver's)
 *   protocol      optional: HTTP (default) or TCP; changing it replaces the pool, its members and the VIP
 */
import * as pulumi from '@pulumi/pulumi';
import { LoadBalancer } from 'lbaas/pulumi';

interface BackendConfig {
  address: string;
  port: number;
  weight?: number;
}

const PROTOCOLS = ['HTTP', 'TCP'] as const;
type Protocol = (typeof PROTOCOLS)[number];
const isProtocol = (p: string): p is Protocol => (PROTOCOLS as readonly string[]).includes(p);

const config = new pulumi.Config();
const protocol = config.get('protocol') ?? 'HTTP';
if (!isProtocol(protocol)) throw new Error(`config protocol: expected one of ${PROTOCOLS.join(', ')}, got ${protocol}`);
const backends = config.requireObject<BackendConfig[]>('backends');
const fixedAddress = config.get('vipAddress');

const lb = new LoadBalancer('web', {
  pool: { protocol, subnet: config.get('subnet') ?? 'local', description: 'Pulumi example' },
  members: backends.map((b) => ({ address: b.address, protocolPort: b.port, ...(b.weight !== undefined ? { weight: b.weight } : {}) })),
  // Without `monitors` the pool gets one TCP monitor; this one asks for "/" over HTTP.
  monitors: [{ type: 'HTTP', delay: 2, timeout: 1, maxRetries: 2, urlPath: '/', expectedCodes: '200' }],
  vip: { protocolPort: config.requireNumber('vipPort'), ...(fixedAddress ? { address: fixedAddress } : {}) },
});

export const url = lb.url;
export const address = lb.address;
export const poolId = lb.poolId;
export const memberIds = lb.memberIds;
