import anyTest from 'ava';
import { distribution, eventually, request } from '../harness/http.js';
import { counts, haproxyPids, setupLb, waitOperating, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('weight 0 drains: no new requests, the in-flight one completes, no restart', async (t) => {
  const { agent, backends, lb } = await setupLb(t, 2);
  const [b1, b2] = backends as [(typeof backends)[0], (typeof backends)[0]];
  const m1 = lb.memberIds[0]!;

  // Two requests in a row under round robin: one reaches each member; b1 parks its one.
  b1.holding = true;
  const inflight = [request(lb.address, lb.port, { timeoutMs: 120_000 }), request(lb.address, lb.port, { timeoutMs: 120_000 })];
  for (const p of inflight) p.catch(() => undefined); // awaited below; no unhandled rejection if the test fails first
  await eventually(async () => b1.active === 1, 10_000);
  const pids = await haproxyPids(agent, lb.poolId);

  const updated = (await agent.client.update('member', m1, { weight: 0 }, { waitSeconds: WAIT_S })) as { provisioning_status: string };
  t.is(updated.provisioning_status, 'ACTIVE');
  await waitOperating(agent, 'member', m1, 'DRAINING');

  const d = await distribution(lb.address, lb.port, 20);
  t.deepEqual(Object.fromEntries(d), { b2: 20 }, 'no new request reaches the drained member');
  t.is(b1.active, 1, 'the in-flight request is still there');
  t.deepEqual(await haproxyPids(agent, lb.poolId), pids, 'runtime API: master and worker unchanged');

  b1.release();
  b1.holding = false;
  const answers = await Promise.all(inflight);
  t.deepEqual(answers.map((a) => [a.status, a.backend]).sort(), [
    [200, 'b1'],
    [200, 'b2'],
  ]);
  t.is(b1.served, 1);

  await agent.client.update('member', m1, { weight: 1 }, { waitSeconds: WAIT_S });
  await waitOperating(agent, 'member', m1, 'NO_MONITOR');
  const back = await distribution(lb.address, lb.port, 20);
  t.is(counts(back, 'b1'), 10);
  t.is(counts(back, 'b2'), 10);
  t.is(b2.served, 1 + 20 + 10);
  t.deepEqual(await haproxyPids(agent, lb.poolId), pids);
});
