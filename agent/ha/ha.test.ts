import test from 'ava';
import { Network } from '../../schema/network.js';
import { renderConfig } from '../haproxy/render.js';
import type { PoolModel } from '../haproxy/model.js';
import { nsDevName, nsName, poolIdOfNs, schemeFor, tapName, macFor } from '../netns/names.js';
import { checkTopology } from './admission.js';
import { allocateVrid, allocateVrrpAddresses, pickPair } from './allocate.js';
import { priorityOf } from './assignment.js';
import { nextHa, singleHa, type AgentReport } from './status.js';

const net = Network.parse({ name: 'n1', bridge: 'br-lb', cidr: '10.0.0.0/29', gateway: '10.0.0.1' });
const id = '3d993dc3-1515-44f4-9ad9-b8ade0d83cfb';

test('vrid: lowest free, never one in use; 409 naming topology when all 255 are taken', (t) => {
  t.is(allocateVrid(net, new Set()), 1);
  t.is(allocateVrid(net, new Set([1, 2, 4])), 3);
  const all = new Set(Array.from({ length: 255 }, (_, i) => i + 1));
  const err = t.throws(() => allocateVrid(net, all)) as { code?: string; extra?: { errors?: { path: string[] }[] } };
  t.is(err.code, 'address_exhausted');
  t.deepEqual(err.extra?.errors?.[0]?.path, ['topology']);
});

test('VRRP addresses: distinct, not used, not the gateway; no room → 409 naming topology', (t) => {
  const r = allocateVrrpAddresses(net, new Set(['10.0.0.2']), undefined, 2);
  t.deepEqual(r.addresses, ['10.0.0.3', '10.0.0.4']);
  const full = new Set(['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5']);
  const err = t.throws(() => allocateVrrpAddresses(net, full, undefined, 2)) as { code?: string; extra?: { errors?: { path: string[] }[] } };
  t.is(err.code, 'address_exhausted');
  t.deepEqual(err.extra?.errors?.[0]?.path, ['topology']);
});

test('pair placement: distinct zones first, then fewest pools', (t) => {
  const c = [
    { agentId: 'a', zone: 'az1', pools: 1 },
    { agentId: 'b', zone: 'az1', pools: 0 },
    { agentId: 'c', zone: 'az2', pools: 5 },
  ];
  t.deepEqual(pickPair(c)?.map((x) => x.agentId), ['b', 'c']);
  t.deepEqual(pickPair(c.map((x) => ({ ...x, zone: undefined })))?.map((x) => x.agentId), ['b', 'a']);
  t.is(pickPair([c[0]!]), undefined);
  t.deepEqual([priorityOf(0), priorityOf(1)], [100, 90]);
});

test('admission: ACTIVE_STANDBY refused outside cluster mode and with fewer than two agents, naming topology', (t) => {
  t.notThrows(() => checkTopology({ topology: 'SINGLE', subnet: 'n1' }, { clusterMode: false }));
  const alone = t.throws(() => checkTopology({ topology: 'ACTIVE_STANDBY', subnet: 'n1' }, { clusterMode: false })) as { status?: number; message: string };
  t.is(alone.status, 422);
  t.regex(alone.message, /topology: ACTIVE_STANDBY needs cluster mode/);
  const one = t.throws(() => checkTopology({ topology: 'ACTIVE_STANDBY', subnet: 'n1' }, { clusterMode: true, pairsScheduled: true, agentsWithNetwork: () => ['a'] }));
  t.regex(one!.message, /two live agents with network "n1"; found 1 \(a\)/);
  t.notThrows(() => checkTopology({ topology: 'ACTIVE_STANDBY', subnet: 'n1' }, { clusterMode: true, pairsScheduled: true, agentsWithNetwork: () => ['a', 'b'] }));
});

const r = (agentId: string, role: AgentReport['role'], o: Partial<AgentReport> = {}): AgentReport => ({ agentId, role, vrrpAddress: null, alive: true, ...o });

test('ha: the first election is no failover; each change of master is one, with its reason', (t) => {
  const t0 = new Date('2026-01-01T00:00:00Z');
  let ha = nextHa('ACTIVE_STANDBY', undefined, [r('a', 'MASTER'), r('b', 'BACKUP')], t0);
  t.is(ha.master_agent_id, 'a');
  t.deepEqual(ha.failovers, []);
  ha = nextHa('ACTIVE_STANDBY', ha, [r('a', 'FAULT'), r('b', 'MASTER')], new Date('2026-01-01T00:00:01Z'));
  t.like(ha.failovers[0], { from_agent_id: 'a', to_agent_id: 'b', reason: 'haproxy_check_failed' });
  t.is(ha.last_failover_at, '2026-01-01T00:00:01.000Z');
  ha = nextHa('ACTIVE_STANDBY', ha, [r('a', 'BACKUP'), r('b', 'MASTER', { alive: false })], new Date('2026-01-01T00:00:02Z'));
  t.like(ha.failovers[0], { from_agent_id: 'b', to_agent_id: null, reason: 'peer_lost' });
  t.is(ha.agents[1]!.role, 'UNKNOWN', 'a lost agent is no master whatever it said last');
  ha = nextHa('ACTIVE_STANDBY', ha, [r('a', 'MASTER'), r('b', 'BACKUP', { draining: true })], new Date('2026-01-01T00:00:03Z'));
  t.is(ha.failovers.length, 3);
  t.deepEqual(singleHa(), { topology: 'SINGLE', master_agent_id: null, agents: [], last_failover_at: null, failovers: [] });
});

test('per-agent names: own namespace, bridge port and MAC; v1 names by default', (t) => {
  const s = schemeFor('a1');
  t.is(nsName(id, s), `qlbaas-a1-${id}`);
  t.is(tapName(id, s), 'va13d993dc3-15');
  t.is(nsDevName(id, s), 'na13d993dc3-15');
  t.true(tapName(id, s).length <= 15);
  t.is(poolIdOfNs(nsName(id, s), s), id);
  t.is(poolIdOfNs(nsName(id, s)), undefined, 'a default agent does not see tagged namespaces');
  t.is(poolIdOfNs(nsName(id), s), undefined, 'a tagged agent does not see default ones');
  t.is(nsName(id, schemeFor(undefined)), `qlbaas-${id}`);
  t.not(macFor(id, 'agent-a'), macFor(id, 'agent-b'));
  t.is(macFor(id), macFor(id, undefined));
  for (const bad of ['A1', 'a', 'abc', 'a-']) t.throws(() => schemeFor(bad), { code: 'NETNS_INVALID_ID' });
});

test('HAProxy health frontend for keepalived only when asked for', (t) => {
  const m: PoolModel = {
    poolId: id,
    protocol: 'TCP',
    lbMethod: 'ROUND_ROBIN',
    adminUp: true,
    vip: { id, address: '10.0.0.2', port: 80, connectionLimit: -1, persistence: null, adminUp: true },
    monitors: [],
    servers: [],
  };
  const paths = { adminSocket: '/s', serverState: '/st' };
  t.false(renderConfig(m, paths).includes('lbaas-health'));
  const text = renderConfig({ ...m, health: { port: 8404, uri: '/lbaas-health' } }, paths);
  t.true(text.includes('frontend lbaas-health\n    bind 127.0.0.1:8404\n    mode http\n    monitor-uri /lbaas-health'));
});
