import anyTest from 'ava';
import { distribution, eventually, outcome } from '../harness/http.js';
import { counts, haproxyPids, setupLb, waitOperating, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('pool admin_state_up=false: 503 and OFFLINE; member changes meanwhile apply when it is back', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const { master } = await haproxyPids(agent, lb.poolId);

  const down = (await agent.client.update('pool', lb.poolId, { admin_state_up: false }, { waitSeconds: WAIT_S })) as { provisioning_status: string };
  t.is(down.provisioning_status, 'ACTIVE');
  await eventually(async () => (await outcome(lb.address, lb.port)) === 'status:503', 10_000);
  t.deepEqual(Object.fromEntries(await distribution(lb.address, lb.port, 10)), { 'status:503': 10 });
  await waitOperating(agent, 'pool', lb.poolId, 'OFFLINE');
  await waitOperating(agent, 'vip', lb.vipId, 'OFFLINE');

  // A member change while the pool is down must not wedge the pool (HAProxy refuses `set server` on a disabled backend).
  const m = (await agent.client.update('member', lb.memberIds[0]!, { weight: 3 }, { waitSeconds: WAIT_S })) as { provisioning_status: string };
  t.is(m.provisioning_status, 'ACTIVE');

  await agent.client.update('pool', lb.poolId, { admin_state_up: true }, { waitSeconds: WAIT_S });
  await waitOperating(agent, 'pool', lb.poolId, 'ONLINE');
  await waitOperating(agent, 'vip', lb.vipId, 'ONLINE');
  const up = await distribution(lb.address, lb.port, 40);
  t.is(counts(up, 'b1'), 30, JSON.stringify(Object.fromEntries(up)));
  t.is(counts(up, 'b2'), 10);
  t.is((await haproxyPids(agent, lb.poolId)).master, master, 'reloads keep the master');
});
