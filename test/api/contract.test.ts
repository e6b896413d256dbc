/**
 * The contract rules schemathesis found broken, one by one against a real
 * agent: query parameters and headers named in the answer, 405 with Allow for
 * a method a URL does not take, and a document that lists every status an
 * operation answers (401 everywhere) and the links from a create to its object.
 */
import anyTest, { type TestFn } from 'ava';
import { startAgent, type AgentHandle } from '../harness/agent.js';
import { requires } from '../harness/requires.js';
import { assertProblem, raw } from './support/raw.js';

interface Op {
  operationId: string;
  parameters?: { name: string; in: string; schema: { pattern?: string } }[];
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }>; links?: Record<string, unknown> }>;
}
interface Ctx {
  agent: AgentHandle;
  paths: Record<string, Record<string, Op>>;
}
const test = requires(anyTest as TestFn<Ctx>, 'haproxy');

test.before(async (t) => {
  t.context.agent = await startAgent();
  t.context.paths = ((await raw(t.context.agent, { method: 'GET', path: '/openapi.json' })).json as { paths: Ctx['paths'] }).paths;
});
test.after.always(async (t) => {
  await t.context.agent?.cleanup();
});

test('GET /v1/members?pool_id= (empty) is a 400 naming query.pool_id, not every member', async (t) => {
  assertProblem(t, await raw(t.context.agent, { method: 'GET', path: '/v1/members?pool_id=' }), 400, 'query.pool_id');
  assertProblem(t, await raw(t.context.agent, { method: 'GET', path: '/v1/members?pool_id=abc' }), 400, 'query.pool_id');
});

test('an unknown query parameter is named, even an empty one', async (t) => {
  assertProblem(t, await raw(t.context.agent, { method: 'GET', path: '/v1/pools?colour=red' }), 400, 'query.colour');
  const p = assertProblem(t, await raw(t.context.agent, { method: 'GET', path: '/v1/pools?=x' }), 400, 'query[""]');
  t.deepEqual(p?.errors?.[0]?.path, ['query', '']);
});

test('an empty If-Match is a 400 naming header.If-Match, and the published pattern refuses it too', async (t) => {
  const { agent, paths } = t.context;
  const pool = (await raw(agent, { method: 'POST', path: '/v1/pools', body: { name: 'p', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' } })).json as { id: string };
  assertProblem(t, await raw(agent, { method: 'PUT', path: `/v1/pools/${pool.id}`, body: { name: 'q' }, headers: { 'if-match': '' } }), 400, 'header.If-Match');
  const pattern = paths['/v1/pools/{id}']!.put!.parameters!.find((p) => p.name === 'If-Match')!.schema.pattern!;
  t.notRegex('', new RegExp(pattern));
  for (const ok of ['"1"', 'W/"1"', '*', '1']) t.regex(ok, new RegExp(pattern), ok);
  const r = await raw(agent, { method: 'PUT', path: `/v1/pools/${pool.id}`, body: { name: 'q' }, headers: { 'if-match': '"1"' } });
  t.is(r.status, 200);
});

for (const [method, path, allow] of [
  ['TRACE', '/v1/pools', 'GET, POST, HEAD'],
  ['PATCH', '/v1/pools/3b241101-e2bb-4255-8caf-4136c566a962', 'GET, PUT, DELETE, HEAD'],
  ['QUERY', '/v1/vips', 'GET, POST, HEAD'],
  ['DELETE', '/healthz', 'GET, HEAD'],
  ['POST', '/v1/pools/3b241101-e2bb-4255-8caf-4136c566a962/stats', 'GET, HEAD'],
] as const) {
  test(`${method} ${path} → 405 with Allow: ${allow}`, async (t) => {
    const r = await raw(t.context.agent, { method, path });
    assertProblem(t, r, 405, undefined);
    t.is(r.headers.allow, allow);
  });
}

test('OPTIONS answers 204 with Allow; an unknown URL stays a 404; without a token a 401 comes first', async (t) => {
  const { agent } = t.context;
  const o = await raw(agent, { method: 'OPTIONS', path: '/v1/members' });
  t.is(o.status, 204);
  t.is(o.headers.allow, 'GET, POST, HEAD');
  assertProblem(t, await raw(agent, { method: 'TRACE', path: '/v1/nothing' }), 404, undefined);
  assertProblem(t, await raw(agent, { method: 'TRACE', path: '/v1/pools', noAuth: true }), 401, undefined);
});

test('every operation documents 400 and 401 (and 404 with an id) with the Problem schema', (t) => {
  for (const [path, ops] of Object.entries(t.context.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const want = ['400', '401', ...(path.includes('{') ? ['404'] : [])];
      for (const s of want) t.truthy(op.responses[s], `${m} ${path} ${s}`);
      for (const [s, r] of Object.entries(op.responses)) {
        if (Number(s) >= 400) t.is(r.content?.['application/problem+json']?.schema.$ref, '#/components/schemas/Problem', `${m} ${path} ${s}`);
      }
    }
  }
  t.truthy(t.context.paths['/metrics']!.get!.responses['401']);
  t.truthy(t.context.paths['/v1/agent']!.get!.responses['401']);
  t.truthy(t.context.paths['/v1/pools/{id}/stats']!.get!.responses['404']);
});

test('a rule the document states in words answers 422, documented on the operation', async (t) => {
  const { agent, paths } = t.context;
  const r = await raw(agent, { method: 'POST', path: '/v1/health_monitors', body: { type: 'TCP', delay: 2, timeout: 3, max_retries: 1 } });
  const p = assertProblem(t, r, 422, 'timeout');
  t.is(p?.code, 'rule_violated');
  t.truthy(paths['/v1/health_monitors']!.post!.responses['422']);
});

test('a create links to its object (get, update, delete) and to the creates that take its id', (t) => {
  const links = t.context.paths['/v1/pools']!.post!.responses['201']!.links!;
  for (const id of ['getPool', 'updatePool', 'deletePool', 'getPoolStats', 'listMembers', 'createMember', 'createVip']) t.truthy(links[id], id);
  t.deepEqual(links.getPool, { operationId: 'getPool', parameters: { 'path.id': '$response.body#/id' } });
  t.deepEqual(links.createMember, { operationId: 'createMember', requestBody: { pool_id: '$response.body#/id' } });
});

test('a body the document refuses is a 400 even with a stale If-Match (the precondition does not hide it), and changes nothing', async (t) => {
  const { agent } = t.context;
  const pool = (await raw(agent, { method: 'POST', path: '/v1/pools', body: { name: 'stale', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' } })).json as { id: string; revision: number };
  const bad = { health_monitor_ids: ['gd368a0d-f1b0-1a6a-b3b8-31e53e14a359'] };
  assertProblem(t, await raw(agent, { method: 'PUT', path: `/v1/pools/${pool.id}`, body: bad, headers: { 'if-match': `"${pool.revision + 5}"` } }), 400, 'health_monitor_ids[0]');
  const stale = await raw(agent, { method: 'PUT', path: `/v1/pools/${pool.id}`, body: { name: 'x' }, headers: { 'if-match': `"${pool.revision + 5}"` } });
  t.is(stale.status, 412);
  t.like((await raw(agent, { method: 'GET', path: `/v1/pools/${pool.id}` })).json, { name: 'stale', revision: pool.revision });
});
