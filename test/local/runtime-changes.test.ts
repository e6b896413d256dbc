import anyTest from 'ava';
import { startBackend } from '../harness/backends.js';
import { distribution, eventually, failures, startLoad } from '../harness/http.js';
import { counts, haproxyPids, setupLb, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('weight and admin-state changes use the runtime API: master and worker pids unchanged', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const before = await haproxyPids(agent, lb.poolId);
  const [m1, m2] = lb.memberIds as [string, string];
  for (const [id, patch] of [
    [m1, { weight: 5 }],
    [m2, { admin_state_up: false }],
    [m2, { admin_state_up: true, weight: 0 }],
    [m2, { weight: 1 }],
  ] as const) {
    const o = (await agent.client.update('member', id, patch, { waitSeconds: WAIT_S })) as { provisioning_status: string };
    t.is(o.provisioning_status, 'ACTIVE');
    t.deepEqual(await haproxyPids(agent, lb.poolId), before, `after ${JSON.stringify(patch)}`);
  }
  // Weights 5:1 (smooth weighted round robin; where in its cycle it starts is not fixed).
  const d = await distribution(lb.address, lb.port, 60);
  t.true(Math.abs(counts(d, 'b1') - 50) <= 2, JSON.stringify(Object.fromEntries(d)));
  t.is(counts(d, 'b1') + counts(d, 'b2'), 60);
  t.false(agent.logs().includes('"action":"reload"'), 'no reload logged');
});

test('adding a member reloads seamlessly: same master, new worker, no failed request under load', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const b3 = await startBackend('b3');
  t.teardown(() => b3.close());
  const before = await haproxyPids(agent, lb.poolId);

  const load = startLoad(lb.address, lb.port, 2);
  t.teardown(() => load.stop().then(() => undefined));
  const m3 = (await agent.client.create(
    'member',
    { pool_id: lb.poolId, address: '127.0.0.1', protocol_port: b3.port },
    { waitSeconds: WAIT_S },
  )) as { provisioning_status: string };
  t.is(m3.provisioning_status, 'ACTIVE');
  const after = await haproxyPids(agent, lb.poolId);
  // Keep the load going until the new member has served some of it, then stop it.
  await eventually(async () => counts(load.counts, 'b3') >= 20, 20_000);
  const outcomes = await load.stop();
  // Sequentially (with the load running, clients in lockstep would each keep hitting one member).
  const d = await distribution(lb.address, lb.port, 30);
  t.log(Object.fromEntries(outcomes));

  t.is(after.master, before.master, 'seamless reload keeps the master');
  t.notDeepEqual(after.workers, before.workers, 'a new worker runs the new config');
  t.deepEqual(Object.fromEntries(failures(outcomes)), {}, 'no failed request across the reload');
  t.true([...outcomes.values()].reduce((a, b) => a + b, 0) > 0);
  t.is(counts(d, 'b3'), 10, JSON.stringify(Object.fromEntries(d)));
});
