import anyTest from 'ava';
import { startAgent } from '../harness/agent.js';
import { startBackends } from '../harness/backends.js';
import { createLb } from '../harness/fixtures.js';
import { distribution } from '../harness/http.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('round robin spreads requests evenly across three members', async (t) => {
  const agent = await startAgent();
  const backends = await startBackends(3);
  t.teardown(async () => {
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  const lb = await createLb(agent.client, backends);
  const counts = await distribution(lb.address, lb.port, 30);
  t.deepEqual([...counts.keys()].sort(), ['b1', 'b2', 'b3']);
  for (const n of counts.values()) t.is(n, 10);
});
