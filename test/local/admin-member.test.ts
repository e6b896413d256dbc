import anyTest from 'ava';
import { distribution } from '../harness/http.js';
import { afterAudits, counts, haproxyPids, setupLb, waitOperating, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('member admin_state_up=false: no traffic, OFFLINE, no restart; back to true: traffic returns', async (t) => {
  const { agent, lb } = await setupLb(t, 3);
  const m1 = lb.memberIds[0]!;
  const pids = await haproxyPids(agent, lb.poolId);

  await agent.client.update('member', m1, { admin_state_up: false }, { waitSeconds: WAIT_S });
  await waitOperating(agent, 'member', m1, 'OFFLINE');
  t.is(((await agent.client.get('member', m1)) as { status: string }).status, 'INACTIVE');
  await waitOperating(agent, 'pool', lb.poolId, 'ONLINE'); // an admin-down member does not degrade the pool
  const off = await distribution(lb.address, lb.port, 30);
  t.deepEqual(Object.fromEntries(off), { b2: 15, b3: 15 });
  t.deepEqual(await haproxyPids(agent, lb.poolId), pids, 'runtime API: master and worker unchanged');

  await agent.client.update('member', m1, { admin_state_up: true }, { waitSeconds: WAIT_S });
  await waitOperating(agent, 'member', m1, 'NO_MONITOR');
  const on = await distribution(lb.address, lb.port, 30);
  t.is(counts(on, 'b1'), 10, JSON.stringify(Object.fromEntries(on)));
  t.deepEqual(await haproxyPids(agent, lb.poolId), pids);
});

test('a member disabled across a reload and then enabled is in sync: no repeated runtime fix, no drift', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const m1 = lb.memberIds[0]!;
  await agent.client.update('member', m1, { admin_state_up: false }, { waitSeconds: WAIT_S });
  // A structural change while it is down: the new worker has it `disabled` in its config.
  await agent.client.update('vip', lb.vipId, { connection_limit: 500 }, { waitSeconds: WAIT_S });
  await agent.client.update('member', m1, { admin_state_up: true }, { waitSeconds: WAIT_S });
  await waitOperating(agent, 'member', m1, 'NO_MONITOR');
  const pids = await haproxyPids(agent, lb.poolId);
  await afterAudits(agent, 3);
  for (const [kind, id] of [['member', m1], ['pool', lb.poolId]] as const) {
    const o = (await agent.client.get(kind, id)) as { in_sync: boolean; drift_events: unknown[] };
    t.true(o.in_sync, `${kind} in_sync`);
    t.deepEqual(o.drift_events, [], `${kind} drift events`);
  }
  t.false(agent.logs().includes('"msg":"drift"'), 'no drift logged');
  t.deepEqual(await haproxyPids(agent, lb.poolId), pids);
  const d = await distribution(lb.address, lb.port, 20);
  t.is(counts(d, 'b1'), 10);
});
