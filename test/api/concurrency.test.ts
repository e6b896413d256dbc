/**
 * Concurrent writers: If-Match gives exactly one winner and no lost update;
 * writes without it never get 409 "immutable" while the pool converges —
 * they queue and coalesce, and the data plane ends with every one of them;
 * Idempotency-Key turns a retried POST into a replay; ETag is the revision;
 * ?wait= answers once the change is live.
 */
import anyTest, { type TestFn } from 'ava';
import { startAgent, type AgentHandle } from '../harness/agent.js';
import { startBackends, type Backend } from '../harness/backends.js';
import { createLb, type Lb } from '../harness/fixtures.js';
import { eventually, request } from '../harness/http.js';
import { freePort, randomLoopbackVip } from '../harness/ports.js';
import { raw, type RawResponse } from './support/raw.js';
import { dataPlane, liveWeights } from './support/snapshot.js';
import { requires } from '../harness/requires.js';

interface Ctx {
  agent: AgentHandle;
  backends: Backend[];
  lb: Lb;
}
const test = requires(anyTest as TestFn<Ctx>, 'haproxy');

test.before(async (t) => {
  t.context.agent = await startAgent();
  t.context.backends = await startBackends(6);
  t.context.lb = await createLb(t.context.agent.client, t.context.backends);
});

test.after.always(async (t) => {
  await t.context.agent?.cleanup();
  await Promise.all((t.context.backends ?? []).map((b) => b.close()));
});

type Obj = Record<string, unknown> & { id: string; revision: number };
const obj = (r: RawResponse) => r.json as Obj;

async function get(agent: AgentHandle, coll: string, id: string): Promise<RawResponse> {
  const r = await raw(agent, { method: 'GET', path: `/v1/${coll}/${id}` });
  if (r.status !== 200) throw new Error(`GET ${coll}/${id}: ${r.status} ${r.text}`);
  return r;
}

test.serial('ETag is the quoted revision on GET, POST and PUT answers', async (t) => {
  const { agent } = t.context;
  const created = await raw(agent, { method: 'POST', path: '/v1/health_monitors', body: { type: 'TCP', delay: 5, timeout: 2, max_retries: 3 } });
  t.is(created.status, 201);
  t.is(created.headers.etag, `"${obj(created).revision}"`);
  t.is(obj(created).revision, 1);
  const id = obj(created).id;
  const updated = await raw(agent, { method: 'PUT', path: `/v1/health_monitors/${id}`, body: { delay: 6 } });
  t.is(updated.status, 200);
  t.is(obj(updated).revision, 2);
  t.is(updated.headers.etag, '"2"');
  const got = await get(agent, 'health_monitors', id);
  t.is(got.headers.etag, '"2"');
  t.is(obj(got).delay, 6);
  t.is((await raw(agent, { method: 'DELETE', path: `/v1/health_monitors/${id}`, headers: { 'if-match': '"2"' } })).status, 204);
});

test.serial('two writers with the same If-Match: one 200, one 412, the winner is stored', async (t) => {
  const { agent, lb } = t.context;
  const path = `/v1/pools/${lb.poolId}`;
  for (let round = 0; round < 8; round++) {
    const before = await get(agent, 'pools', lb.poolId);
    const tag = String(before.headers.etag);
    const names = [`writer-a-${round}`, `writer-b-${round}`];
    const answers = await Promise.all(names.map((name) => raw(agent, { method: 'PUT', path, body: { name }, headers: { 'if-match': tag } })));
    const statuses = answers.map((a) => a.status).sort();
    t.deepEqual(statuses, [200, 412], answers.map((a) => a.text.slice(0, 200)).join(' | '));
    const winner = answers.find((a) => a.status === 200)!;
    const loser = answers.find((a) => a.status === 412)!;
    t.is(loser.headers['content-type']?.split(';')[0], 'application/problem+json');
    const after = await get(agent, 'pools', lb.poolId);
    t.is(obj(after).name, obj(winner).name, 'stored name is the winner’s');
    t.is(obj(after).revision, obj(before).revision + 1, 'exactly one write happened');
    t.is(after.headers.etag, `"${obj(before).revision + 1}"`);
  }
});

test.serial('PUT and DELETE racing with the same If-Match: exactly one succeeds', async (t) => {
  const { agent } = t.context;
  for (let round = 0; round < 5; round++) {
    const m = await raw(agent, { method: 'POST', path: '/v1/health_monitors', body: { type: 'TCP', delay: 5, timeout: 2, max_retries: 3 } });
    const id = obj(m).id;
    const [put, del] = await Promise.all([
      raw(agent, { method: 'PUT', path: `/v1/health_monitors/${id}`, body: { delay: 9 }, headers: { 'if-match': '"1"' } }),
      raw(agent, { method: 'DELETE', path: `/v1/health_monitors/${id}`, headers: { 'if-match': '"1"' } }),
    ]);
    const ok = [put.status === 200, del.status === 204].filter(Boolean).length;
    t.is(ok, 1, `PUT ${put.status}, DELETE ${del.status}`);
    const now = await raw(agent, { method: 'GET', path: `/v1/health_monitors/${id}` });
    if (del.status === 204) t.is(now.status, 404);
    else {
      t.is(del.status, 412);
      t.is(obj(now).delay, 9);
      await raw(agent, { method: 'DELETE', path: `/v1/health_monitors/${id}` });
    }
  }
});

test.serial('concurrent PUTs without If-Match: all succeed, none lost, the data plane ends with all of them', async (t) => {
  const { agent, lb } = t.context;
  const ROUNDS = 4;
  // Every member is written ROUNDS times in a row while all members are written at once.
  const want = new Map(lb.memberIds.map((id, i) => [id, 10 + i * 10 + ROUNDS]));
  const results = await Promise.all(
    lb.memberIds.map(async (id, i) => {
      const statuses: number[] = [];
      for (let r = 1; r <= ROUNDS; r++) {
        const a = await raw(agent, { method: 'PUT', path: `/v1/members/${id}`, body: { weight: 10 + i * 10 + r } });
        statuses.push(a.status);
      }
      return statuses;
    }),
  );
  t.deepEqual(results.flat(), Array(lb.memberIds.length * ROUNDS).fill(200));

  // Stored: every member at its last weight, revision 1 + ROUNDS.
  for (const [id, w] of want) {
    const m = obj(await get(agent, 'members', id));
    t.is(m.weight, w);
    t.is(m.revision, 1 + ROUNDS);
  }
  // Live: HAProxy's weights (agent stats from the stats socket) and the config on disk.
  await eventually(async () => {
    const s = (await agent.client.poolStats(lb.poolId)) as { members: { member_id: string; weight: number }[] };
    return lb.memberIds.every((id) => s.members.find((m) => m.member_id === id)?.weight === want.get(id));
  }, 20_000);
  await eventually(async () => {
    const cfg = (await dataPlane(agent.stateDir, lb.poolId)).config;
    return lb.memberIds.every((id) => new RegExp(`server ${id} \\S+ weight ${want.get(id)}\\b`).test(cfg));
  }, 20_000);
  const ms = await agent.client.list('member', { pool_id: lb.poolId });
  t.true(ms.every((m) => m.provisioning_status === 'ACTIVE'));
  t.is((await request(lb.address, lb.port)).status, 200);
});

test.serial('concurrent PUTs without If-Match to one object: every write gets its own revision, the last one is stored', async (t) => {
  const { agent, lb } = t.context;
  const id = lb.memberIds[0]!;
  const start = obj(await get(agent, 'members', id)).revision;
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => raw(agent, { method: 'PUT', path: `/v1/members/${id}`, body: { weight: 100 + i } })),
  );
  t.deepEqual(answers.map((a) => a.status), Array(12).fill(200));
  const revs = answers.map((a) => obj(a).revision).sort((a, b) => a - b);
  t.deepEqual(revs, Array.from({ length: 12 }, (_, i) => start + 1 + i), 'revisions are distinct and consecutive');
  const last = answers.find((a) => obj(a).revision === start + 12)!;
  const stored = obj(await get(agent, 'members', id));
  t.is(stored.revision, start + 12);
  t.is(stored.weight, obj(last).weight);
});

test.serial('a retried POST with the same Idempotency-Key returns the first object', async (t) => {
  const { agent, lb } = t.context;
  const key = `retry-${lb.poolId}`;
  const body = { pool_id: lb.poolId, address: '127.0.0.1', protocol_port: await freePort(), weight: 0 };
  const first = await raw(agent, { method: 'POST', path: '/v1/members', body, headers: { 'idempotency-key': key } });
  t.is(first.status, 201);
  const again = await raw(agent, { method: 'POST', path: '/v1/members', body, headers: { 'idempotency-key': key } });
  t.is(again.status, 200);
  t.is(obj(again).id, obj(first).id);
  t.is(again.headers.etag, first.headers.etag);
  // The same key with the keys of the body in another order is the same request.
  const reordered = Object.fromEntries(Object.entries(body).reverse());
  t.is(obj(await raw(agent, { method: 'POST', path: '/v1/members', body: reordered, headers: { 'idempotency-key': key } })).id, obj(first).id);
  const list = await agent.client.list('member', { pool_id: lb.poolId });
  t.is(list.filter((m) => m.protocol_port === body.protocol_port).length, 1, 'no duplicate');

  const changed = await raw(agent, { method: 'POST', path: '/v1/members', body: { ...body, weight: 5 }, headers: { 'idempotency-key': key } });
  t.is(changed.status, 422);
  t.is((changed.json as { code: string }).code, 'idempotency_key_reused');
  const otherKind = await raw(agent, {
    method: 'POST',
    path: '/v1/health_monitors',
    body: { type: 'TCP', delay: 5, timeout: 2, max_retries: 3 },
    headers: { 'idempotency-key': key },
  });
  t.is(otherKind.status, 422);
  t.is((await agent.client.list('member', { pool_id: lb.poolId })).length, lb.memberIds.length + 1);
});

test.serial('Idempotency-Keys named like Object.prototype properties work like any other key', async (t) => {
  const { agent } = t.context;
  for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'kind']) {
    const body = { name: `proto-${key}`, protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' };
    const first = await raw(agent, { method: 'POST', path: '/v1/pools', body, headers: { 'idempotency-key': key } });
    t.is(first.status, 201, `${key}: ${first.text.slice(0, 200)}`);
    const again = await raw(agent, { method: 'POST', path: '/v1/pools', body, headers: { 'idempotency-key': key } });
    t.is(again.status, 200, key);
    t.is(obj(again).id, obj(first).id, key);
  }
  // A key that merely looks like one stored before is not a replay of it.
  const fresh = await raw(agent, {
    method: 'POST',
    path: '/v1/pools',
    body: { name: 'proto-fresh', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' },
    headers: { 'idempotency-key': 'valueOf' },
  });
  t.is(fresh.status, 201);
  for (const p of await agent.client.list('pool')) if (p.name?.startsWith('proto-')) await agent.client.delete('pool', p.id!);
});

test.serial('the same Idempotency-Key sent twice at once creates one object', async (t) => {
  const { agent } = t.context;
  for (let round = 0; round < 5; round++) {
    const key = `race-${round}-${Date.now()}`;
    const body = { name: `idem-${key}`, protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' };
    const answers = await Promise.all([0, 1, 2].map(() => raw(agent, { method: 'POST', path: '/v1/pools', body, headers: { 'idempotency-key': key } })));
    t.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 201]);
    t.is(new Set(answers.map((a) => obj(a).id)).size, 1);
    t.is((await agent.client.list('pool')).filter((p) => p.name === body.name).length, 1);
    await agent.client.delete('pool', obj(answers[0]!).id);
  }
});

test.serial('?wait=10 and Prefer: wait=10 answer once the change is live (ACTIVE)', async (t) => {
  const { agent, lb } = t.context;
  const put = await raw(agent, { method: 'PUT', path: `/v1/members/${lb.memberIds[1]}?wait=10`, body: { weight: 7 } });
  t.is(put.status, 200);
  t.is(obj(put).provisioning_status, 'ACTIVE');
  t.is(obj(put).weight, 7);
  t.is((await liveWeights(agent.stateDir, lb.poolId)).get(lb.memberIds[1]!), 7, 'live in HAProxy when the answer came');

  // A new pool + member + VIP, each created with a wait: the VIP answers ACTIVE and serves at once.
  const pool = await raw(agent, { method: 'POST', path: '/v1/pools?wait=10', body: { name: 'w', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local' } });
  t.is(obj(pool).provisioning_status, 'ACTIVE');
  const member = await raw(agent, {
    method: 'POST',
    path: '/v1/members',
    body: { pool_id: obj(pool).id, address: '127.0.0.1', protocol_port: t.context.backends[0]!.port },
    headers: { prefer: 'wait=10' },
  });
  t.is(obj(member).provisioning_status, 'ACTIVE');
  const address = randomLoopbackVip();
  const port = await freePort();
  const vip = await raw(agent, {
    method: 'POST',
    path: '/v1/vips?wait=10',
    body: { name: 'w', pool_id: obj(pool).id, subnet: 'local', protocol: 'HTTP', protocol_port: port, address },
  });
  t.is(vip.status, 201);
  t.is(obj(vip).provisioning_status, 'ACTIVE');
  t.is((await request(address, port)).backend, 'b1');
  const del = await raw(agent, { method: 'DELETE', path: `/v1/pools/${obj(pool).id}?cascade=true&wait=10` });
  t.is(del.status, 204);
});
