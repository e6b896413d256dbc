/**
 * Balancing through a VIP with the netns driver: the real agent, HAProxy in
 * `qlbaas-<pool>` on an OVS bridge, members are HTTP servers in their own
 * namespaces, requests come from client namespaces on the same bridge. Each
 * request uses a fresh connection, so every request is balanced on its own.
 */
import anyTest from 'ava';
import { requires } from '../harness/requires.js';
import { run } from '../../agent/exec/run.js';
import { useTestOvs } from '../harness/ovs.js';
import { eventually } from '../harness/http.js';
import { isFailure, requestBatch, tally } from './support/client.js';
import { STATUS_TIMEOUT_MS, createLb, firstSuccess, netnsLeftovers, world } from './support/topology.js';

const test = requires(anyTest, 'netns', 'ovs', 'haproxy');
const ovs = useTestOvs(test, { leftovers: netnsLeftovers });

const failures = (outcomes: string[]) => outcomes.filter(isFailure);

test('round robin: requests alternate over the members, none fails', async (t) => {
  const w = await world(t, ovs, { members: 3 });
  const lb = await createLb(t, w, { lb_method: 'ROUND_ROBIN' });
  const client = w.clients[0]!.ns;
  await firstSuccess(client, lb.url);
  const { outcomes } = await requestBatch(client, lb.url, { n: 30 });
  t.deepEqual(failures(outcomes), []);
  const counts = tally(outcomes);
  t.deepEqual([...counts.keys()].sort(), ['m1', 'm2', 'm3']);
  for (const [name, n] of counts) t.true(n >= 9 && n <= 11, `${name}: ${n} of 30`);
  // Strict rotation: no member twice in a row.
  t.true(outcomes.every((o, i) => i === 0 || o !== outcomes[i - 1]), outcomes.join(' '));
});

test('weights: a member of weight 3 gets three times the requests of one of weight 1; weight 0 gets none', async (t) => {
  const w = await world(t, ovs, { members: 3 });
  const lb = await createLb(t, w, { weights: [1, 3, 0] });
  const client = w.clients[0]!.ns;
  await firstSuccess(client, lb.url);
  const { outcomes } = await requestBatch(client, lb.url, { n: 40 });
  t.deepEqual(failures(outcomes), []);
  const counts = tally(outcomes);
  t.is(counts.get('m3') ?? 0, 0, 'weight 0 drains');
  t.true(Math.abs((counts.get('m1') ?? 0) - 10) <= 2, `m1: ${counts.get('m1')} of 40`);
  t.true(Math.abs((counts.get('m2') ?? 0) - 30) <= 2, `m2: ${counts.get('m2')} of 40`);
});

test('SOURCE_IP persistence: each client address sticks to one member, different clients are spread', async (t) => {
  const w = await world(t, ovs, { members: 2, clients: 2 });
  const lb = await createLb(t, w, { session_persistence: { type: 'SOURCE_IP' } });
  const [c1, c2] = w.clients as [typeof w.clients[0], typeof w.clients[0]];
  // A second address in the first client namespace: a third source.
  const extra = '10.80.0.211';
  await run('ip', ['-n', c1.ns, 'addr', 'add', `${extra}/24`, 'dev', c1.dev]);
  await firstSuccess(c1.ns, lb.url);
  await firstSuccess(c2.ns, lb.url);
  const a = (await requestBatch(c1.ns, lb.url, { n: 10 })).outcomes;
  const b = (await requestBatch(c2.ns, lb.url, { n: 10 })).outcomes;
  const c = (await requestBatch(c1.ns, lb.url, { n: 10, localAddress: extra })).outcomes;
  for (const [who, o] of [['client 1', a], ['client 2', b], [`client 1 from ${extra}`, c]] as const) {
    t.deepEqual(failures([...o]), [], who);
    t.is(new Set(o).size, 1, `${who} sticks: ${o.join(' ')}`);
  }
  // Round robin picked the first member of each new source in turn.
  t.not(a[0], b[0], 'two sources, two members');
});

test('HTTP_COOKIE persistence: a client sending the cookie back sticks; without it requests are balanced', async (t) => {
  const w = await world(t, ovs, { members: 2 });
  const lb = await createLb(t, w, { session_persistence: { type: 'HTTP_COOKIE' } });
  const client = w.clients[0]!.ns;
  await firstSuccess(client, lb.url);
  const withJar = await requestBatch(client, lb.url, { n: 12, cookies: 'follow' });
  t.deepEqual(failures(withJar.outcomes), []);
  t.is(new Set(withJar.outcomes).size, 1, `sticks: ${withJar.outcomes.join(' ')}`);
  // The cookie names the member (its id), inserted by HAProxy.
  t.true(withJar.setCookie.some((c) => lb.memberIds.some((id) => c.startsWith(`SRV=${id}`))), withJar.setCookie.join(', '));
  const without = await requestBatch(client, lb.url, { n: 12 });
  t.deepEqual([...tally(without.outcomes).keys()].sort(), ['m1', 'm2']);
});

test('HTTP monitor: a failing member goes ERROR and gets no traffic, then ONLINE and traffic again', async (t) => {
  const w = await world(t, ovs, { members: 2 });
  const lb = await createLb(t, w, {
    monitor: { type: 'HTTP', delay: 1, timeout: 1, max_retries: 1, url_path: '/healthz', expected_codes: '200' },
  });
  const client = w.clients[0]!.ns;
  const c = w.agent.client;
  const status = async (i: number) => ((await c.get('member', lb.memberIds[i]!)) as { operating_status?: string } | null)?.operating_status;
  await eventually(async () => (await status(0)) === 'ONLINE' && (await status(1)) === 'ONLINE', STATUS_TIMEOUT_MS);
  await firstSuccess(client, lb.url);

  w.members[1]!.setFailing(true);
  await eventually(async () => (await status(1)) === 'ERROR', STATUS_TIMEOUT_MS);
  t.is(await status(0), 'ONLINE');
  const down = (await requestBatch(client, lb.url, { n: 10 })).outcomes;
  t.deepEqual([...tally(down).entries()], [['m1', 10]], 'all traffic on the healthy member');

  w.members[1]!.setFailing(false);
  await eventually(async () => (await status(1)) === 'ONLINE', STATUS_TIMEOUT_MS);
  const up = (await requestBatch(client, lb.url, { n: 10 })).outcomes;
  t.deepEqual(failures(up), []);
  t.deepEqual([...tally(up).keys()].sort(), ['m1', 'm2'], 'the member is back in rotation');
});
