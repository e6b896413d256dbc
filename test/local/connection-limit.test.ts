import anyTest from 'ava';
import { request } from '../harness/http.js';
import { setupLb } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('connection_limit 2: at most 2 requests reach the backend at once, all 5 succeed', async (t) => {
  const { backends, lb } = await setupLb(t, 1, { vip: { connection_limit: 2 } });
  const b = backends[0]!;
  b.delayMs = 1_000;
  const answers = await Promise.all(Array.from({ length: 5 }, () => request(lb.address, lb.port, { timeoutMs: 60_000 })));
  t.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 200, 200],
  );
  t.is(b.served, 5);
  t.true(b.maxActive <= 2, `maxActive ${b.maxActive}`);
  t.is(b.maxActive, 2, 'the limit was reached (the requests were concurrent)');
});
