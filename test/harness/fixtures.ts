/** Builds a whole load balancer through the API: pool, members for the given backends, optional monitor, VIP. */
import type { ExecutionContext } from 'ava';
import type { LbaasClient } from '../../client/index.js';
import { startAgent, type AgentHandle } from './agent.js';
import { startBackends, type Backend } from './backends.js';
import { freePort, randomLoopbackVip } from './ports.js';

export interface LbOptions {
  protocol?: 'HTTP' | 'TCP' | 'HTTPS';
  lb_method?: 'ROUND_ROBIN' | 'LEAST_CONNECTIONS' | 'SOURCE_IP';
  weights?: number[];
  monitor?: Record<string, unknown>;
  vip?: Record<string, unknown>;
  subnet?: string;
}

export interface Lb {
  poolId: string;
  memberIds: string[];
  vipId: string;
  monitorId: string | undefined;
  address: string;
  port: number;
}

export async function createLb(c: LbaasClient, backends: Backend[], o: LbOptions = {}): Promise<Lb> {
  const protocol = o.protocol ?? 'HTTP';
  const subnet = o.subnet ?? 'local';
  let monitorId: string | undefined;
  if (o.monitor) monitorId = ((await c.create('health_monitor', o.monitor)) as { id: string }).id;
  const pool = (await c.create('pool', {
    name: 'test-pool',
    protocol,
    lb_method: o.lb_method ?? 'ROUND_ROBIN',
    subnet,
    ...(monitorId ? { health_monitor_ids: [monitorId] } : {}),
  })) as { id: string };
  const memberIds: string[] = [];
  for (const [i, b] of backends.entries()) {
    const m = (await c.create('member', {
      pool_id: pool.id,
      address: '127.0.0.1',
      protocol_port: b.port,
      ...(o.weights ? { weight: o.weights[i] } : {}),
    })) as { id: string };
    memberIds.push(m.id);
  }
  const address = subnet === 'local' ? randomLoopbackVip() : undefined;
  const port = await freePort();
  const vip = (await c.create(
    'vip',
    { name: 'test-vip', pool_id: pool.id, subnet, protocol, protocol_port: port, ...(address ? { address } : {}), ...o.vip },
    { waitSeconds: 20 },
  )) as { id: string; address: string; provisioning_status: string };
  if (vip.provisioning_status !== 'ACTIVE') throw new Error(`VIP not live: ${JSON.stringify(vip)}`);
  return { poolId: pool.id, memberIds, vipId: vip.id, monitorId, address: vip.address, port };
}

/** One agent, n backends and a load balancer over them, all torn down after the test even when it fails. */
export interface Setup {
  agent: AgentHandle;
  backends: Backend[];
  lb: Lb;
}

export async function setupLb(t: ExecutionContext, n: number, o: LbOptions = {}): Promise<Setup> {
  const agent = await startAgent();
  const backends: Backend[] = [];
  t.teardown(async () => {
    for (const b of backends) b.release();
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  backends.push(...(await startBackends(n)));
  const lb = await createLb(agent.client, backends, o);
  return { agent, backends, lb };
}
