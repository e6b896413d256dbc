import test from 'ava';
import { distribution } from '../harness/http.js';
import { counts, haproxyPids, setupLb, waitOperating, WAIT_S } from './support.js';

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
