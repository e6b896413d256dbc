import anyTest from 'ava';
import { concurrentDistribution, failures } from '../harness/http.js';
import { counts, setupLb } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('LEAST_CONNECTIONS sends fewer requests to a slow member under concurrent load', async (t) => {
  const { backends, lb } = await setupLb(t, 3, { lb_method: 'LEAST_CONNECTIONS' });
  backends[0]!.delayMs = 500;
  const d = await concurrentDistribution(lb.address, lb.port, 60, 6, { timeoutMs: 30_000 });
  t.log(Object.fromEntries(d));
  t.deepEqual(Object.fromEntries(failures(d)), {});
  // Round robin would give each 20; least connections lets the slow one hold few.
  t.true(counts(d, 'b1') < counts(d, 'b2') && counts(d, 'b1') < counts(d, 'b3'), JSON.stringify(Object.fromEntries(d)));
  t.true(counts(d, 'b1') < 20);
});
