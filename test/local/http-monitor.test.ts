import anyTest from 'ava';
import { distribution } from '../harness/http.js';
import { counts, setupLb, waitOperating } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

const DELAY = 2;
const MAX_RETRIES = 2;
/** The requirement: a state change shows within delay × max_retries + 2 s. */
const BOUND_MS = (DELAY * MAX_RETRIES + 2) * 1000;

test('HTTP monitor: a failing member turns ERROR and gets no traffic, then ONLINE and traffic again', async (t) => {
  const { agent, backends, lb } = await setupLb(t, 3, {
    monitor: { type: 'HTTP', delay: DELAY, timeout: 1, max_retries: MAX_RETRIES, url_path: '/health', expected_codes: '200' },
  });
  const b1 = backends[0]!;
  const m1 = lb.memberIds[0]!;
  for (const id of lb.memberIds) await waitOperating(agent, 'member', id, 'ONLINE');
  await waitOperating(agent, 'pool', lb.poolId, 'ONLINE');

  b1.failing = true;
  let started = Date.now();
  await waitOperating(agent, 'member', m1, 'ERROR', BOUND_MS);
  t.log(`ERROR after ${Date.now() - started} ms (bound ${BOUND_MS} ms)`);
  t.is(((await agent.client.get('member', m1)) as { status: string }).status, 'INACTIVE');
  await waitOperating(agent, 'pool', lb.poolId, 'DEGRADED');
  const down = await distribution(lb.address, lb.port, 30);
  t.deepEqual(Object.fromEntries(down), { b2: 15, b3: 15 }, 'no request reaches the member while it is ERROR');

  b1.failing = false;
  started = Date.now();
  await waitOperating(agent, 'member', m1, 'ONLINE', BOUND_MS);
  t.log(`ONLINE after ${Date.now() - started} ms (bound ${BOUND_MS} ms)`);
  await waitOperating(agent, 'pool', lb.poolId, 'ONLINE');
  const up = await distribution(lb.address, lb.port, 30);
  t.is(counts(up, 'b1'), 10, JSON.stringify(Object.fromEntries(up)));
  t.is(counts(up, 'b2') + counts(up, 'b3'), 20);
});
