/**
 * One test's world for the netns integration tests: a fresh OVS bridge, a
 * network on it (config of the agent), member hosts each running a real HTTP
 * server, client hosts, and the real agent with the netns driver. Load
 * balancers are built through the API. Everything is registered for removal
 * with `t.teardown` (ava runs teardowns last-in first-out, so the agent and
 * its plumbing go before the hosts, and the bridge goes last).
 *
 *   const ovs = useTestOvs(test, { leftovers: netnsLeftovers });
 *   test('x', async (t) => {
 *     const w = await world(t, ovs, { members: 2 });
 *     const lb = await createLb(t, w, { lb_method: 'ROUND_ROBIN' });
 *     await requestBatch(w.clients[0]!.ns, lb.url, { n: 10 });
 *   });
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import { run } from '../../../agent/exec/run.js';
import { nsName, tapName } from '../../../agent/netns/names.js';
import type { OvsFixture, TestBridge } from '../../harness/ovs.js';
import { createHost, hostLeftovers, watchNamespace, type TestHost } from '../../harness/hosts.js';
import { eventually } from '../../harness/http.js';
import { agentStateDirs, startNetnsAgent, type NetnsAgent } from './agent.js';
import { requestBatch } from './client.js';
import { liveMemberPids, startMember, type Member } from './members.js';
import { haproxyPidsOf } from './procs.js';

/** A write with ?wait= answers when the change is live; room for a loaded 2-core host. */
export const WAIT_S = 30;
/** Operating status is refreshed every second; generous for a busy host. */
export const STATUS_TIMEOUT_MS = 30_000;
/** ARP, MAC learning and HAProxy start: a new VIP answers well within this. */
export const FIRST_REQUEST_MS = 20_000;
/** The port members listen on. */
export const MEMBER_PORT = 8080;

export interface NetConfig {
  name: string;
  bridge: string;
  cidr: string;
  gateway?: string;
  vlan?: number;
  allocation_range?: { start: string; end: string };
  mtu?: number;
  port_type?: 'internal' | 'veth';
}

export interface WorldOptions {
  members?: number;
  clients?: number;
  /** Third octet of 10.80.<x>.0/24 (each test has its own bridge, so reuse is fine). */
  subnet?: number;
  vlan?: number;
  port_type?: 'internal' | 'veth';
  auditInterval?: number;
}

export interface World {
  bridge: TestBridge;
  network: NetConfig;
  agent: NetnsAgent;
  memberHosts: TestHost[];
  members: Member[];
  clients: TestHost[];
}

export function networkFor(bridge: TestBridge, o: { name?: string; subnet?: number; vlan?: number; port_type?: 'internal' | 'veth' } = {}): NetConfig {
  const p = `10.80.${o.subnet ?? 0}`;
  return {
    name: o.name ?? 'lbnet',
    bridge: bridge.name,
    cidr: `${p}.0/24`,
    gateway: `${p}.1`,
    allocation_range: { start: `${p}.10`, end: `${p}.99` },
    mtu: 1500,
    ...(o.vlan !== undefined ? { vlan: o.vlan } : {}),
    ...(o.port_type ? { port_type: o.port_type } : {}),
  };
}

/** Member hosts .101, .102, … each with an HTTP server named m1, m2, …; client hosts .201, .202, … */
export async function hostsOn(
  t: ExecutionContext,
  bridge: TestBridge,
  net: NetConfig,
  o: { members: number; clients: number; label?: string },
): Promise<{ memberHosts: TestHost[]; members: Member[]; clients: TestHost[] }> {
  const p = net.cidr.split('.').slice(0, 3).join('.');
  const prefix = net.cidr.split('/')[1]!;
  const l = o.label ?? '';
  const spec = (host: number, label: string) => ({ bridge, cidr: `${p}.${host}/${prefix}`, label, ...(net.vlan !== undefined ? { vlan: net.vlan } : {}) });
  const memberHosts = await Promise.all(Array.from({ length: o.members }, (_, i) => createHost(t, spec(101 + i, `${l}m${i + 1}`))));
  const members = await Promise.all(
    memberHosts.map((h, i) => startMember(t, { ns: h.ns, address: h.address, port: MEMBER_PORT, name: `${l}m${i + 1}` })),
  );
  const clients = await Promise.all(Array.from({ length: o.clients }, (_, i) => createHost(t, spec(201 + i, `${l}c${i + 1}`))));
  return { memberHosts, members, clients };
}

export async function world(t: ExecutionContext, ovs: OvsFixture, o: WorldOptions = {}): Promise<World> {
  const bridge = await ovs.bridge(t);
  const network = networkFor(bridge, o);
  const hosts = await hostsOn(t, bridge, network, { members: o.members ?? 2, clients: o.clients ?? 1 });
  const agent = await startNetnsAgent(t, { networks: [network], ovsDb: bridge.db, auditInterval: o.auditInterval ?? 1 });
  return { bridge, network, agent, ...hosts };
}

export interface LbSpec {
  lb_method?: 'ROUND_ROBIN' | 'LEAST_CONNECTIONS' | 'SOURCE_IP';
  weights?: number[];
  /** Members of the pool, by index into world.members (default: all). */
  memberIndexes?: number[];
  monitor?: Record<string, unknown>;
  session_persistence?: { type: 'SOURCE_IP' | 'HTTP_COOKIE' | 'APP_COOKIE'; cookie_name?: string };
  /** VIP address; allocated by the agent when omitted. */
  address?: string;
  port?: number;
  subnet?: string;
}

export interface Lb {
  poolId: string;
  vipId: string;
  memberIds: string[];
  monitorId: string | undefined;
  address: string;
  port: number;
  url: string;
}

export async function createLb(t: ExecutionContext, w: Pick<World, 'agent' | 'network' | 'members'>, s: LbSpec = {}): Promise<Lb> {
  const c = w.agent.client;
  const subnet = s.subnet ?? w.network.name;
  let monitorId: string | undefined;
  if (s.monitor) monitorId = ((await c.create('health_monitor', s.monitor)) as { id: string }).id;
  const pool = (await c.create('pool', {
    name: 'netns-test',
    protocol: 'HTTP',
    lb_method: s.lb_method ?? 'ROUND_ROBIN',
    subnet,
    ...(monitorId ? { health_monitor_ids: [monitorId] } : {}),
  })) as { id: string };
  watchNamespace(nsName(pool.id));
  const memberIds: string[] = [];
  const indexes = s.memberIndexes ?? w.members.map((_, i) => i);
  for (const i of indexes) {
    const m = w.members[i]!;
    const created = (await c.create('member', {
      pool_id: pool.id,
      address: m.address,
      protocol_port: m.port,
      ...(s.weights ? { weight: s.weights[i] } : {}),
    })) as { id: string };
    memberIds.push(created.id);
  }
  const port = s.port ?? 80;
  const vip = (await c.create(
    'vip',
    {
      name: 'netns-test',
      pool_id: pool.id,
      subnet,
      protocol: 'HTTP',
      protocol_port: port,
      ...(s.address ? { address: s.address } : {}),
      ...(s.session_persistence ? { session_persistence: s.session_persistence } : {}),
    },
    { waitSeconds: WAIT_S },
  )) as { id: string; address: string; provisioning_status: string };
  if (vip.provisioning_status !== 'ACTIVE') t.log(`VIP not yet live after ${WAIT_S} s: ${JSON.stringify(vip)}`);
  const url = `http://${vip.address}:${port}/`;
  return { poolId: pool.id, vipId: vip.id, memberIds, monitorId, address: vip.address, port, url };
}

/** Poll a request from `ns` until one succeeds (ARP, MAC learning and HAProxy start take a moment). */
export async function firstSuccess(ns: string, url: string, timeoutMs = FIRST_REQUEST_MS): Promise<string> {
  return eventually(async () => {
    const [o] = (await requestBatch(ns, url, { n: 1, timeoutMs: 1_000 })).outcomes;
    return o !== undefined && !o.startsWith('error:') && !o.startsWith('status:') ? o : undefined;
  }, timeoutMs, 100);
}

/** Names of the pool's namespace and OVS port that still exist, and its HAProxy processes. */
export async function poolRemains(agent: NetnsAgent, bridge: TestBridge, poolId: string): Promise<string[]> {
  const left: string[] = [];
  const nsList = (JSON.parse((await run('ip', ['-j', 'netns', 'list'])).stdout || '[]') as { name: string }[]).map((n) => n.name);
  if (nsList.includes(nsName(poolId))) left.push(`namespace ${nsName(poolId)}`);
  const ports = (await bridge.ovs.vsctl(['--format=json', '--columns=name', 'find', 'Interface', `name=${tapName(poolId)}`])).trim();
  if ((JSON.parse(ports) as { data: unknown[] }).data.length > 0) left.push(`OVS port ${tapName(poolId)}`);
  if ((await run('ip', ['link', 'show', 'dev', tapName(poolId)], { reject: false })).exitCode === 0) left.push(`device ${tapName(poolId)}`);
  for (const pid of haproxyPidsOf(path.join(agent.stateDir, 'pools', poolId))) left.push(`haproxy ${pid}`);
  return left;
}

/** Everything this process created for the netns tests that still exists (checked once all tests are done). */
export async function netnsLeftovers(): Promise<string[]> {
  const out = await hostLeftovers();
  for (const pid of liveMemberPids()) out.push(`process ${pid}`);
  for (const dir of agentStateDirs) {
    for (const pid of haproxyPidsOf(dir)) out.push(`haproxy ${pid} of ${dir}`);
    if (existsSync(dir)) out.push(`state dir ${dir}`);
  }
  return out;
}
