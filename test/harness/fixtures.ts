/** Builds a whole load balancer through the API: pool, members for the given backends, optional monitor, VIP. */
import type { ExecutionContext, TestFn } from 'ava';
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

/** One agent and n backends. */
export interface AgentSetup {
  agent: AgentHandle;
  backends: Backend[];
}

/** One agent, n backends and a load balancer over them. */
export interface Setup extends AgentSetup {
  lb: Lb;
}

async function stop(s: Partial<AgentSetup>): Promise<void> {
  for (const b of s.backends ?? []) b.release();
  await s.agent?.cleanup();
  await Promise.all((s.backends ?? []).map((b) => b.close()));
}

/** An agent and n backends for one test, torn down after it even when it fails. */
export async function setupAgent(t: ExecutionContext, n: number): Promise<AgentSetup> {
  const s: AgentSetup = { agent: await startAgent(), backends: [] };
  t.teardown(() => stop(s));
  s.backends.push(...(await startBackends(n)));
  return s;
}

/** setupAgent plus a load balancer over the backends. */
export async function setupLb(t: ExecutionContext, n: number, o: LbOptions = {}): Promise<Setup> {
  const s = await setupAgent(t, n);
  return { ...s, lb: await createLb(s.agent.client, s.backends, o) };
}

/**
 * The shared-context variant: one agent, n backends and a load balancer for
 * every test of a file (test.before), stopped after the last (test.after.always),
 * in `t.context`.
 */
export function sharedLb<C extends Setup>(test: TestFn<C>, n: number, o: LbOptions = {}): void {
  test.before(async (t) => {
    const c = t.context as Partial<Setup>;
    c.agent = await startAgent();
    c.backends = await startBackends(n);
    c.lb = await createLb(c.agent.client, c.backends, o);
  });
  test.after.always((t) => stop(t.context as Partial<Setup>));
}
