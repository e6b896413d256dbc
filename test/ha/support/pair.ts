/**
 * An ACTIVE_STANDBY pool hosted by two agents' data planes on one OVS bridge
 * (the bridge stands for the network between two hosts): two NetnsDriver
 * instances with their own agent id, state directory and name tag, each with
 * its HaPoolMember (namespace with its own VRRP address, warm HAProxy,
 * keepalived); two real HTTP members and a client host on the same bridge.
 * `converge(side)` is what the agent's audit does for the pool; the tests
 * call it when they want the audit to have run. Everything is removed in
 * teardowns (LIFO: the sides before the hosts, the bridge last).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import { Network } from '../../../schema/network.js';
import { NetnsDriver } from '../../../agent/drivers/netns/index.js';
import type { PoolModel } from '../../../agent/haproxy/model.js';
import { HaPoolMember, type HaConvergeResult } from '../../../agent/ha/member.js';
import type { HaAssignment } from '../../../agent/ha/assignment.js';
import type { RoleChange } from '../../../agent/keepalived/role.js';
import { getLink } from '../../../agent/netns/ip.js';
import { hasAddress } from '../../../agent/netns/l3.js';
import { Paths } from '../../../agent/paths.js';
import type { OvsFixture, TestBridge } from '../../harness/ovs.js';
import { createHost, sweepDeadTestNamespaces, testAgentId, watchNamespace, type TestHost } from '../../harness/hosts.js';
import { eventually } from '../../harness/http.js';
import { startMember } from '../../netns/support/members.js';
import { haproxyPidsOf } from '../../netns/support/procs.js';
import { MEMBER_PORT } from '../../netns/support/topology.js';

/** keepalived start, the first election (3 × advert_int + skew) and ARP; generous for a loaded host. */
export const ELECTION_MS = 20_000;

export interface Side {
  agentId: string;
  driver: NetnsDriver;
  paths: Paths;
  member: HaPoolMember;
  vrrpAddress: string;
  /** Every role change this side saw, in order. */
  changes: RoleChange[];
  last: HaConvergeResult | undefined;
  /** Device (inside the namespace) carrying the addresses. */
  device(): string;
  netns(): string;
}

export interface Pair {
  bridge: TestBridge;
  network: Network;
  poolId: string;
  vip: string;
  url: string;
  model: PoolModel;
  assignment: HaAssignment;
  sides: [Side, Side];
  client: TestHost;
  converge(side: Side): Promise<HaConvergeResult>;
  /** Both sides, one after the other. */
  convergeAll(): Promise<void>;
  /** The side whose device holds the VIP now (undefined if none; throws if both). */
  owner(): Promise<Side | undefined>;
  /** Wait until exactly one side reports MASTER and the other BACKUP; returns [master, backup]. */
  settled(timeoutMs?: number): Promise<[Side, Side]>;
  haproxyPids(side: Side): number[];
}

export interface PairOptions {
  /** Third octet of 10.81.<x>.0/24. */
  subnet?: number;
  advertInt?: number;
  preempt?: boolean;
}

async function side(t: ExecutionContext, net: Network, bridge: TestBridge, tag: string, vrrpAddress: string): Promise<Side> {
  const stateDir = await mkdtemp(path.join(tmpdir(), `lbaas-ha-${tag}-`));
  t.teardown(() => rm(stateDir, { recursive: true, force: true }));
  const agentId = testAgentId();
  const driver = new NetnsDriver({ networks: [net], stateDir, agentId, ovsDb: bridge.db, nameTag: tag });
  await driver.start();
  const paths = new Paths(stateDir);
  const changes: RoleChange[] = [];
  const member = new HaPoolMember(driver, paths, agentId, (_p, c) => changes.push(c));
  const s: Side = {
    agentId,
    driver,
    paths,
    member,
    vrrpAddress,
    changes,
    last: undefined,
    device: () => s.last?.device ?? '',
    netns: () => s.last?.netns ?? '',
  };
  return s;
}

export async function pair(t: ExecutionContext, ovs: OvsFixture, o: PairOptions = {}): Promise<Pair> {
  await sweepDeadTestNamespaces();
  const x = o.subnet ?? 1;
  const bridge = await ovs.bridge(t);
  const network = Network.parse({ name: 'ha', bridge: bridge.name, cidr: `10.81.${x}.0/24`, gateway: `10.81.${x}.1`, port_type: 'veth' });
  const net = (host: number) => `10.81.${x}.${host}`;
  const members = [];
  for (const [i, name] of ['m1', 'm2'].entries()) {
    const h = await createHost(t, { bridge, cidr: `${net(21 + i)}/24`, label: name });
    members.push(await startMember(t, { ns: h.ns, address: h.address, port: MEMBER_PORT, name }));
  }
  const client = await createHost(t, { bridge, cidr: `${net(100)}/24`, label: 'client' });
  const a = await side(t, network, bridge, 'a1', net(11));
  const b = await side(t, network, bridge, 'b1', net(12));
  const poolId = randomUUID();
  const vip = net(10);
  for (const s of [a, b]) {
    watchNamespace(s.driver.netnsOf(poolId)!);
    // Registered before anything runs, so a failing test still stops keepalived and HAProxy.
    t.teardown(async () => {
      await s.driver.settle();
      await s.member.teardown(poolId).catch((e: unknown) => t.log(`teardown ${s.agentId}: ${String(e)}`));
    });
  }
  const model: PoolModel = {
    poolId,
    protocol: 'HTTP',
    lbMethod: 'ROUND_ROBIN',
    adminUp: true,
    vip: { id: randomUUID(), address: vip, port: 80, connectionLimit: -1, persistence: null, adminUp: true },
    monitors: [],
    servers: members.map((m) => ({ id: randomUUID(), address: m.address, port: MEMBER_PORT, weight: 1, adminUp: true, backup: false })).sort((p, q) => p.id.localeCompare(q.id)),
  };
  const assignment: HaAssignment = {
    vrid: 42,
    agents: [a, b].map((s) => ({ agentId: s.agentId, vrrpAddress: s.vrrpAddress })),
    ...(o.advertInt !== undefined ? { advertInt: o.advertInt } : {}),
    ...(o.preempt !== undefined ? { preempt: o.preempt } : {}),
  };
  const converge = async (s: Side) => {
    s.last = await s.member.converge(model, network, assignment);
    return s.last;
  };
  const sides: [Side, Side] = [a, b];
  const p: Pair = {
    bridge,
    network,
    poolId,
    vip,
    url: `http://${vip}/`,
    model,
    assignment,
    sides,
    client,
    converge,
    async convergeAll() {
      for (const s of sides) await converge(s);
    },
    async owner() {
      const holders: Side[] = [];
      for (const s of sides) {
        const link = s.last ? await getLink(s.netns(), s.device()).catch(() => undefined) : undefined;
        if (link && hasAddress(link, vip, 24)) holders.push(s);
      }
      if (holders.length > 1) throw new Error(`both sides hold the VIP ${vip}`);
      return holders[0];
    },
    async settled(timeoutMs = ELECTION_MS) {
      return eventually(async () => {
        const [r0, r1] = sides.map((s) => s.member.role(poolId)?.role);
        if (r0 === 'MASTER' && r1 === 'BACKUP') return [a, b] as [Side, Side];
        if (r1 === 'MASTER' && r0 === 'BACKUP') return [b, a] as [Side, Side];
        return undefined;
      }, timeoutMs, 50);
    },
    haproxyPids: (s) => haproxyPidsOf(s.paths.pool(poolId).dir),
  };
  return p;
}
