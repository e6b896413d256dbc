/** The LoadBalancer component under mocks: children, parents, names, inputs, defaults and outputs. */
import test from 'ava';
import * as pulumi from '@pulumi/pulumi';
import { DEFAULT_MONITOR, LOAD_BALANCER_TYPE, LoadBalancer, type LoadBalancerArgs } from './load-balancer.js';
import { PROJECT, STACK, isSecretValue, unwrap, useMocks, valueOf, type Registered } from './test-mocks.js';

const registered = await useMocks();

const CONN = { endpoint: 'http://127.0.0.1:9696', token: 'tok' };

function args(over: Partial<LoadBalancerArgs> = {}): LoadBalancerArgs {
  return {
    pool: { protocol: 'HTTP', subnet: 'local' },
    members: [
      { address: '127.0.0.1', protocolPort: 8081 },
      { address: '127.0.0.1', protocolPort: 8082, weight: 3 },
      { address: '127.0.0.1', protocolPort: 8083 },
    ],
    vip: { address: '127.0.0.42', protocolPort: 8080 },
    ...CONN,
    ...over,
  };
}

/** What the component passed to registerOutputs, as the mock engine recorded it (a protobuf Struct, once it arrives). */
async function registeredOutputs(urn: string): Promise<Record<string, unknown>> {
  const monitor = pulumi.runtime.getMonitor() as unknown as { resources: Map<string, { state: unknown }> };
  for (let i = 0; i < 100; i++) {
    const state = monitor.resources.get(urn)?.state as { toJavaScript?: () => Record<string, unknown> } | undefined;
    if (state?.toJavaScript) return state.toJavaScript();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no outputs registered for ${urn}`);
}

function byName(name: string): Registered {
  const r = registered.find((x) => x.name === name);
  if (!r) throw new Error(`${name} was not registered; got ${registered.map((x) => x.name).join(', ')}`);
  return r;
}

const CHILD_TYPES = {
  pool: 'pulumi-nodejs:dynamic/lbaas:Pool',
  member: 'pulumi-nodejs:dynamic/lbaas:Member',
  vip: 'pulumi-nodejs:dynamic/lbaas:Vip',
  monitor: 'pulumi-nodejs:dynamic/lbaas:HealthMonitor',
};

test('children: one pool, a member per backend, the default TCP monitor and a VIP, named from the component', async (t) => {
  const lb = new LoadBalancer('web', args());
  await valueOf(lb.url);
  t.is(byName('web').type, LOAD_BALANCER_TYPE);
  t.false(byName('web').custom);
  t.is(byName('web-pool').type, CHILD_TYPES.pool);
  t.is(byName('web-monitor-0').type, CHILD_TYPES.monitor);
  t.is(byName('web-vip').type, CHILD_TYPES.vip);
  for (const i of [0, 1, 2]) t.is(byName(`web-member-${i}`).type, CHILD_TYPES.member);
  t.is(registered.filter((r) => r.name.startsWith('web-')).length, 6);
});

test('children are parented to the component (their URNs carry its type)', async (t) => {
  const lb = new LoadBalancer('par', args());
  const prefix = `urn:pulumi:${STACK}::${PROJECT}::${LOAD_BALANCER_TYPE}$`;
  t.is(await valueOf(lb.urn), `urn:pulumi:${STACK}::${PROJECT}::${LOAD_BALANCER_TYPE}::par`);
  t.is(await valueOf(lb.pool.urn), `${prefix}${CHILD_TYPES.pool}::par-pool`);
  t.is(await valueOf(lb.vip.urn), `${prefix}${CHILD_TYPES.vip}::par-vip`);
  for (const [i, m] of lb.members.entries()) t.is(await valueOf(m.urn), `${prefix}${CHILD_TYPES.member}::par-member-${i}`);
  t.is(await valueOf(lb.monitors[0]!.urn), `${prefix}${CHILD_TYPES.monitor}::par-monitor-0`);
});

test('inputs: defaults (ROUND_ROBIN, TCP monitor, names), pool wiring, protocol and subnet shared with the VIP', async (t) => {
  const lb = new LoadBalancer('inp', args());
  await valueOf(lb.url);
  const pool = byName('inp-pool').inputs;
  t.like(pool, { name: 'inp', protocol: 'HTTP', lbMethod: 'ROUND_ROBIN', subnet: 'local', endpoint: CONN.endpoint });
  t.deepEqual(pool.healthMonitorIds, ['inp-monitor-0-id']);
  t.like(byName('inp-monitor-0').inputs, DEFAULT_MONITOR);
  t.like(byName('inp-member-1').inputs, { poolId: 'inp-pool-id', address: '127.0.0.1', protocolPort: 8082, weight: 3 });
  t.is(byName('inp-member-0').inputs.weight, undefined, 'unset optional fields are left to check (schema defaults)');
  t.like(byName('inp-vip').inputs, { name: 'inp', poolId: 'inp-pool-id', protocol: 'HTTP', subnet: 'local', address: '127.0.0.42', protocolPort: 8080 });
  for (const r of registered.filter((x) => x.name.startsWith('inp-'))) {
    t.true(isSecretValue(r.inputs.token), `${r.name}: token is secret`);
    t.is(unwrap(r.inputs.token), 'tok');
    t.is(typeof r.inputs.__provider, 'string', `${r.name}: serialized provider`);
  }
});

test('outputs: address, url, poolId, memberIds (and registered as the component outputs)', async (t) => {
  const lb = new LoadBalancer('out', args({ vip: { protocolPort: 8443 }, pool: { protocol: 'HTTPS', subnet: 'local', lbMethod: 'LEAST_CONNECTIONS' } }));
  t.is(await valueOf(lb.address), '10.0.0.99');
  t.is(await valueOf(lb.url), 'https://10.0.0.99:8443');
  t.is(await valueOf(lb.poolId), 'out-pool-id');
  t.deepEqual(await valueOf(lb.memberIds), ['out-member-0-id', 'out-member-1-id', 'out-member-2-id']);
  t.deepEqual(await valueOf(lb.monitorIds), ['out-monitor-0-id']);
  t.is(await valueOf(lb.vipId), 'out-vip-id');
  t.is(byName('out-pool').inputs.lbMethod, 'LEAST_CONNECTIONS');
  t.like(await registeredOutputs(await valueOf(lb.urn)), {
    address: '10.0.0.99',
    url: 'https://10.0.0.99:8443',
    poolId: 'out-pool-id',
    memberIds: ['out-member-0-id', 'out-member-1-id', 'out-member-2-id'],
  });
});

test('monitors: given ones replace the default, [] means none; TCP url scheme', async (t) => {
  const lb = new LoadBalancer('mon', args({
    pool: { protocol: 'TCP', subnet: 'local' },
    monitors: [{ type: 'TCP', delay: 2, timeout: 1, maxRetries: 2 }, { type: 'PING', delay: 3, timeout: 1, maxRetries: 1 }],
  }));
  t.is(await valueOf(lb.url), 'tcp://127.0.0.42:8080');
  t.deepEqual(byName('mon-pool').inputs.healthMonitorIds, ['mon-monitor-0-id', 'mon-monitor-1-id']);
  const none = new LoadBalancer('nomon', args({ monitors: [] }));
  await valueOf(none.url);
  t.deepEqual(byName('nomon-pool').inputs.healthMonitorIds, []);
  t.false(registered.some((r) => r.name.startsWith('nomon-monitor')));
});
