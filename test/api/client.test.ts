/** The shared client against a real agent: errors arrive as ApiError with the problem's fields; If-Match on update and delete. */
import anyTest from 'ava';
import { ApiError, LbaasClient } from '../../client/index.js';
import { startAgent } from '../harness/agent.js';
import { requires } from '../harness/requires.js';

// The agent refuses to start without HAProxy.
const test = requires(anyTest, 'haproxy');

test('the client surfaces problems, honours If-Match and reports missing objects as null/false', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const c = agent.client;

  const err = await t.throwsAsync(() => c.create('health_monitor', { type: 'TCP', delay: 2, timeout: 3, max_retries: 11 }), { instanceOf: ApiError });
  t.is(err?.status, 400);
  t.is(err?.code, 'validation_failed');
  // Shape errors come first; the cross-field rule (timeout ≤ delay) is checked once the shape is right.
  t.deepEqual(err?.problem.errors?.map((e) => e.field), ['max_retries']);
  t.regex(err?.message ?? '', /max_retries/);

  const m = await c.create('health_monitor', { type: 'TCP', delay: 5, timeout: 3, max_retries: 3 });
  const updated = await c.update('health_monitor', m.id!, { delay: 6 }, { ifMatch: m.revision! });
  t.is(updated.revision, 2);
  const stale = await t.throwsAsync(() => c.update('health_monitor', m.id!, { delay: 7 }, { ifMatch: 1 }), { instanceOf: ApiError });
  t.is(stale?.status, 412);
  const staleDelete = await t.throwsAsync(() => c.delete('health_monitor', m.id!, { ifMatch: 1 }), { instanceOf: ApiError });
  t.is(staleDelete?.status, 412);
  t.truthy(await c.get('health_monitor', m.id!));
  t.true(await c.delete('health_monitor', m.id!, { ifMatch: 2 }));
  t.is(await c.get('health_monitor', m.id!), null);
  t.false(await c.delete('health_monitor', m.id!));

  const wrong = new LbaasClient({ endpoint: agent.endpoint, token: 'nope', retries: 0 });
  const unauth = await t.throwsAsync(() => wrong.list('pool'), { instanceOf: ApiError });
  t.is(unauth?.status, 401);
  t.is(unauth?.code, 'unauthorized');
});
