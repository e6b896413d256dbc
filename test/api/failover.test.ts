/**
 * The shared client over several endpoints (cluster mode), with two kinds of
 * stand-ins for agents that do not answer — a closed port, and a server that
 * answers 503 — and one that loses answers: it forwards the request to the
 * real agent, which applies it, then answers 503. The retry on the next
 * endpoint carries the same Idempotency-Key / If-Match: a create is replayed
 * (one object), an update is a 412 (never applied twice, never lost).
 */
import anyTest from 'ava';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LbaasClient } from '../../client/index.js';
import { ApiError } from '../../client/errors.js';
import { startAgent, type AgentHandle } from '../harness/agent.js';
import { freePort } from '../harness/ports.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

/** Listens on a free loopback port; the server is closed (with its connections) by `close`. */
async function listen(s: Server): Promise<string> {
  const close = s.close.bind(s);
  s.close = (cb?: (err?: Error) => void) => {
    s.closeAllConnections();
    return close(cb);
  };
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const unavailable = () =>
  createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'urn:lbaas:error:unavailable', title: 'Unavailable', status: 503, detail: 'no store', code: 'unavailable' }));
  });

/** Forwards each request to the agent (which applies it), counts it, and answers 503 as if the answer were lost. */
function losesAnswers(agent: AgentHandle, seen: string[]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
      seen.push(`${req.method} ${headers['idempotency-key'] ?? headers['if-match'] ?? ''}`);
      const r = await fetch(`${agent.endpoint}${req.url}`, { method: req.method, headers, ...(chunks.length ? { body: Buffer.concat(chunks) } : {}) });
      seen.push(`-> ${r.status} ${r.status >= 300 ? await r.text() : ''}`);
      res.writeHead(503).end();
    });
  });
}

test('dead and 503 endpoints are skipped; the client stays on the one that answered', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const stale = unavailable();
  t.teardown(() => new Promise<void>((r) => stale.close(() => r())));
  const dead = `http://127.0.0.1:${await freePort()}`;
  const c = new LbaasClient({ endpoints: [dead, await listen(stale), agent.endpoint], token: agent.token, retries: 0 });
  const m = await c.create('health_monitor', { type: 'TCP', delay: 5, timeout: 3, max_retries: 3 });
  t.is(c.endpoint, agent.endpoint);
  t.like(await c.get('health_monitor', m.id as string), { id: m.id });
  t.is((await c.list('health_monitor')).length, 1);
  // Everything down: the last answer (503 problem) is what the caller sees.
  const stale2 = unavailable();
  t.teardown(() => new Promise<void>((r) => stale2.close(() => r())));
  const none = new LbaasClient({ endpoints: [dead, await listen(stale2)], token: agent.token, retries: 0 });
  const err = await t.throwsAsync(none.list('pool'));
  t.true(err instanceof ApiError && err.status === 503, String(err));
});

test('a write whose answer was lost is retried on the next agent with the same key / If-Match: no duplicate, no double update', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const seen: string[] = [];
  const lossy = losesAnswers(agent, seen);
  t.teardown(() => new Promise<void>((r) => lossy.close(() => r())));
  const c = new LbaasClient({ endpoints: [await listen(lossy), agent.endpoint], token: agent.token, retries: 0 });

  const created = await c.create('health_monitor', { type: 'TCP', delay: 5, timeout: 3, max_retries: 3 }, { idempotencyKey: 'k-1' });
  t.deepEqual(seen, ['POST k-1', '-> 201 '], 'the lossy endpoint applied it once');
  t.is((await agent.client.list('health_monitor')).length, 1, 'the retry replayed the first create');
  t.is(created.revision, 1);

  // A new client starts on the lossy endpoint again (this one stays on the agent that answered).
  const c2 = new LbaasClient({ endpoints: c.endpoints, token: agent.token, retries: 0 });
  const err = await t.throwsAsync(c2.update('health_monitor', created.id as string, { delay: 9 }, { ifMatch: 1 }));
  t.deepEqual(seen.slice(2), ['PUT "1"', '-> 200 ']);
  t.true(err instanceof ApiError && err.status === 412, String(err));
  t.like(await agent.client.get('health_monitor', created.id as string), { delay: 9, revision: 2 }, 'applied once, by the first try');
});
