import anyTest from 'ava';
import { distribution } from '../harness/http.js';
import { setupLb, waitOperating, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('a backup member takes traffic only while no other member can', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const [m1, m2] = lb.memberIds as [string, string];
  await agent.client.update('member', m2, { backup: true }, { waitSeconds: WAIT_S });
  t.deepEqual(Object.fromEntries(await distribution(lb.address, lb.port, 10)), { b1: 10 });

  await agent.client.update('member', m1, { admin_state_up: false }, { waitSeconds: WAIT_S });
  await waitOperating(agent, 'member', m1, 'OFFLINE');
  t.deepEqual(Object.fromEntries(await distribution(lb.address, lb.port, 10)), { b2: 10 });
  await waitOperating(agent, 'pool', lb.poolId, 'ONLINE');

  await agent.client.update('member', m1, { admin_state_up: true }, { waitSeconds: WAIT_S });
  t.deepEqual(Object.fromEntries(await distribution(lb.address, lb.port, 10)), { b1: 10 });
});
