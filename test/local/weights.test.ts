import anyTest from 'ava';
import { distribution } from '../harness/http.js';
import { counts, setupLb } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('weights 3:1 split 400 requests 300:100 within ±10%', async (t) => {
  const { lb } = await setupLb(t, 2, { weights: [3, 1] });
  const d = await distribution(lb.address, lb.port, 400);
  t.log(Object.fromEntries(d));
  t.deepEqual([...d.keys()].sort(), ['b1', 'b2']);
  t.true(Math.abs(counts(d, 'b1') - 300) <= 30, `b1 got ${counts(d, 'b1')}`);
  t.true(Math.abs(counts(d, 'b2') - 100) <= 10, `b2 got ${counts(d, 'b2')}`);
});
