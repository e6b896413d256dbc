/**
 * Failures the engine must be told about precisely: a write the data plane
 * refuses is a partial failure that keeps the object's id (so the state
 * tracks it and a later update or destroy reaches it), and an object still
 * referenced cannot be deleted.
 */
import anyTest from 'ava';
import { startAgent } from '../harness/agent.js';
import { startBackends, type Backend } from '../harness/backends.js';
import { engines } from './engine.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

interface InitFailure extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

test('a VIP HAProxy cannot bind fails as a partial create (id and outputs kept); delete still works', async (t) => {
  const agent = await startAgent();
  const backends: Backend[] = [];
  t.teardown(async () => {
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  backends.push(...(await startBackends(1)));
  const e = await engines();
  const conn = { endpoint: agent.endpoint, token: agent.token, waitSeconds: 10 };
  const pool = await e.pool.create({ name: 'p', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', ...conn });
  // The backend already listens on 127.0.0.1:<port>: HAProxy cannot bind it.
  const busy = { name: 'v', pool_id: pool.id, subnet: 'local', protocol: 'HTTP', address: '127.0.0.1', protocol_port: backends[0]!.port, ...conn };
  const err = (await t.throwsAsync(e.vip.create(busy))) as InitFailure;
  t.regex(err.id, /^[0-9a-f-]{36}$/, 'the dynamic provider host reports an error with an id as "created but failed to initialize"');
  t.like(err.properties, { provisioning_status: 'ERROR', protocol_port: backends[0]!.port, endpoint: agent.endpoint });
  t.regex(err.reasons.join(' '), /ERROR.*Address already in use/);
  t.like(await agent.client.get('vip', err.id), { provisioning_status: 'ERROR' });

  // The pool is referenced by the VIP: the agent's 409 names it.
  const refused = await t.throwsAsync(e.pool.delete(pool.id, pool.outs));
  t.regex(refused!.message, new RegExp(`still referenced by vip ${err.id}`));

  await e.vip.delete(err.id, err.properties);
  await e.pool.delete(pool.id, pool.outs);
  t.deepEqual(await agent.client.list('vip'), []);
  t.deepEqual(await agent.client.list('pool'), []);
});
