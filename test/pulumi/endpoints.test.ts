/** The Pulumi resources with `endpoints`: a dead first agent is skipped, for create, read and delete alike. */
import anyTest from 'ava';
import { startAgent } from '../harness/agent.js';
import { freePort } from '../harness/ports.js';
import { CheckFailed, engines } from './engine.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('endpoints: the next agent answers when the first does not; a bad entry fails check naming it', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const e = await engines();
  const conn = { endpoints: [`http://127.0.0.1:${await freePort()}`, agent.endpoint], token: agent.token };
  const m = await e.health_monitor.create({ type: 'TCP', delay: 5, timeout: 3, maxRetries: 3, ...conn });
  t.like(m.outs, { maxRetries: 3, endpoints: conn.endpoints });
  t.like((await e.health_monitor.read(m.id, m.outs)).props, { type: 'TCP' });
  await e.health_monitor.delete(m.id, m.outs);
  t.deepEqual(await agent.client.list('health_monitor'), []);
  const bad = await t.throwsAsync(e.pool.check({ name: 'p', protocol: 'TCP', lbMethod: 'ROUND_ROBIN', subnet: 'local', endpoints: [agent.endpoint, 'nope'], token: 't' }));
  t.true(bad instanceof CheckFailed);
  t.deepEqual((bad as CheckFailed).failures.map((f) => f.property), ['endpoints[1]']);
});
