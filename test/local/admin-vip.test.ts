import anyTest from 'ava';
import { distribution, eventually, outcome } from '../harness/http.js';
import { counts, haproxyPids, setupLb, waitOperating, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('VIP admin_state_up=false: connection refused and OFFLINE; back to true: traffic returns', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const { master } = await haproxyPids(agent, lb.poolId);
  await waitOperating(agent, 'vip', lb.vipId, 'ONLINE');

  await agent.client.update('vip', lb.vipId, { admin_state_up: false }, { waitSeconds: WAIT_S });
  await eventually(async () => (await outcome(lb.address, lb.port)) === 'error:ECONNREFUSED', 10_000);
  for (let i = 0; i < 5; i++) t.is(await outcome(lb.address, lb.port), 'error:ECONNREFUSED');
  await waitOperating(agent, 'vip', lb.vipId, 'OFFLINE');

  await agent.client.update('vip', lb.vipId, { admin_state_up: true }, { waitSeconds: WAIT_S });
  await waitOperating(agent, 'vip', lb.vipId, 'ONLINE');
  const up = await distribution(lb.address, lb.port, 20);
  t.is(counts(up, 'b1'), 10);
  t.is(counts(up, 'b2'), 10);
  t.is((await haproxyPids(agent, lb.poolId)).master, master, 'reloads keep the master');
});
