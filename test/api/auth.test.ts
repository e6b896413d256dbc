/**
 * Every route of the agent — all of them, as listed by its own OpenAPI
 * document, plus /healthz, /metrics and /openapi.json — refuses a request
 * without the bearer token or with a wrong one (401 problem+json with
 * WWW-Authenticate), and takes the right one. The secrets on disk are private:
 * token, sockets and configs 0600, directories 0700, repaired on restart.
 */
import anyTest, { type TestFn } from 'ava';
import { execa } from 'execa';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from '../../agent/options.js';
import { startAgent } from '../harness/agent.js';
import { sharedLb, type Setup } from '../harness/fixtures.js';
import { assertProblem, raw, type RawRequest } from './support/raw.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest as TestFn<Setup>, 'haproxy');
sharedLb(test, 1, {
  monitor: { type: 'TCP', delay: 2, timeout: 1, max_retries: 2 },
});

const mode = (p: string) => statSync(p).mode & 0o777;

/** Every (method, concrete path) the API serves, from its OpenAPI document, ids filled in with live objects. */
async function routes(c: Setup): Promise<{ method: string; path: string }[]> {
  const doc = (await raw(c.agent, { method: 'GET', path: '/openapi.json' })).json as { paths: Record<string, Record<string, unknown>> };
  const ids: Record<string, string> = {
    pools: c.lb.poolId,
    members: c.lb.memberIds[0]!,
    vips: c.lb.vipId,
    health_monitors: c.lb.monitorId!,
  };
  const self = ((await raw(c.agent, { method: 'GET', path: '/v1/agents' })).json as { items: { agent_id: string }[] }).items[0]!.agent_id;
  const out: { method: string; path: string }[] = [];
  for (const [p, item] of Object.entries(doc.paths)) {
    const concrete = p
      .replace(/^\/v1\/([a-z_]+)\/\{id\}/, (_m, coll: string) => `/v1/${coll}/${ids[coll]}`)
      .replace('{agent_id}', encodeURIComponent(self));
    for (const m of ['get', 'post', 'put', 'delete']) if (item[m]) out.push({ method: m.toUpperCase(), path: concrete });
  }
  return out;
}

/** With the right token the request gets past auth without changing anything. */
function authorized(r: { method: string; path: string }): Pick<RawRequest, 'body' | 'headers'> & { status: number } {
  if (r.method === 'GET') return { status: 200 };
  if (r.method === 'DELETE') return { status: 412, headers: { 'if-match': '"999999"' } };
  return { status: 400, body: { not_a_field: true } };
}

test('the route list covers the whole API, including /healthz, /metrics and /openapi.json', async (t) => {
  const list = (await routes(t.context)).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '{id}')}`);
  for (const want of [
    'GET /healthz',
    'GET /metrics',
    'GET /openapi.json',
    'GET /v1/agent',
    'GET /v1/pools/{id}/stats',
    ...['pools', 'members', 'vips', 'health_monitors'].flatMap((c) => [
      `GET /v1/${c}`,
      `POST /v1/${c}`,
      `GET /v1/${c}/{id}`,
      `PUT /v1/${c}/{id}`,
      `DELETE /v1/${c}/{id}`,
    ]),
  ]) {
    t.true(list.includes(want), want);
  }
});

const WRONG: [string, (token: string) => Record<string, string>][] = [
  ['no Authorization header', () => ({})],
  ['empty Authorization header', () => ({ authorization: '' })],
  ['Bearer without a token', () => ({ authorization: 'Bearer' })],
  ['a wrong token of the same length', (tok) => ({ authorization: `Bearer ${tok.slice(0, -1)}${tok.endsWith('A') ? 'B' : 'A'}` })],
  ['the token with a character more', (tok) => ({ authorization: `Bearer ${tok}x` })],
  ['a prefix of the token', (tok) => ({ authorization: `Bearer ${tok.slice(0, 8)}` })],
  ['the token without the Bearer scheme', (tok) => ({ authorization: tok })],
  ['the token as Basic credentials', (tok) => ({ authorization: `Basic ${tok}` })],
  ['the token in another header', (tok) => ({ 'x-auth-token': tok })],
  ['two tokens', (tok) => ({ authorization: `Bearer ${tok} ${tok}` })],
];

test('every route: missing or wrong token → 401, right token → past auth', async (t) => {
  const c = t.context;
  const list = await routes(c);
  for (const r of list) {
    for (const [label, headers] of WRONG) {
      const res = await raw(c.agent, { ...r, noAuth: true, headers: headers(c.agent.token), ...(r.method === 'POST' || r.method === 'PUT' ? { body: {} } : {}) });
      t.is(res.status, 401, `${r.method} ${r.path} with ${label}`);
      assertProblem(t, res, 401, undefined);
      t.regex(String(res.headers['www-authenticate']), /^Bearer/, `${r.method} ${r.path}: WWW-Authenticate`);
    }
    const ok = authorized(r);
    const res = await raw(c.agent, { ...r, ...ok });
    t.is(res.status, ok.status, `${r.method} ${r.path} with the right token: ${res.text.slice(0, 200)}`);
  }
});

test('the token in the query string does not authenticate', async (t) => {
  const res = await raw(t.context.agent, { method: 'GET', path: `/v1/pools?access_token=${t.context.agent.token}`, noAuth: true });
  assertProblem(t, res, 401, undefined);
});

test('the scheme name is case-insensitive (RFC 9110) and extra spaces are tolerated', async (t) => {
  for (const authorization of [`bearer ${t.context.agent.token}`, `BEARER ${t.context.agent.token}`, `Bearer   ${t.context.agent.token}`]) {
    const res = await raw(t.context.agent, { method: 'GET', path: '/healthz', noAuth: true, headers: { authorization } });
    t.is(res.status, 200, authorization.slice(0, 10));
  }
});

test('an unknown route says 401 without a token (no route discovery) and 404 with it', async (t) => {
  assertProblem(t, await raw(t.context.agent, { method: 'GET', path: '/v2/secret', noAuth: true }), 401, undefined);
  assertProblem(t, await raw(t.context.agent, { method: 'GET', path: '/v2/secret' }), 404, undefined);
});

test('a body is not read before auth: an oversized unauthenticated POST gets 401, not 413', async (t) => {
  const res = await raw(t.context.agent, {
    method: 'POST',
    path: '/v1/pools',
    noAuth: true,
    body: JSON.stringify({ name: 'x'.repeat(200 * 1024) }),
    headers: { 'content-type': 'application/json' },
  });
  assertProblem(t, res, 401, undefined);
});

test('state dir 0700, token 0600, HAProxy sockets and config files 0600', (t) => {
  const { stateDir } = t.context.agent;
  const pool = path.join(stateDir, 'pools', t.context.lb.poolId);
  t.is(mode(stateDir), 0o700);
  t.is(mode(path.join(stateDir, 'token')), 0o600);
  for (const f of ['admin.sock', 'master.sock', 'haproxy.cfg', 'server-state']) {
    t.is(mode(path.join(pool, f)), 0o600, f);
    t.true(statSync(path.join(pool, f)).isSocket() === f.endsWith('.sock'), `${f} type`);
  }
  // Everything else under the state dir: directories 0700; files readable by the owner only,
  // except HAProxy's own pid file (0644, written by haproxy -p) which sits in a 0700 directory.
  const walk = (dir: string): void => {
    t.is(mode(dir), 0o700, dir);
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name !== 'haproxy.pid') t.is(mode(p) & 0o077, 0, `${p} is ${mode(p).toString(8)}`);
    }
  };
  walk(stateDir);
});

test('a restart makes a loosened state dir and token private again', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  await agent.kill9();
  chmodSync(agent.stateDir, 0o755);
  chmodSync(path.join(agent.stateDir, 'token'), 0o644);
  await agent.start();
  t.is(mode(agent.stateDir), 0o700);
  t.is(mode(path.join(agent.stateDir, 'token')), 0o600);
  t.is((await raw(agent, { method: 'GET', path: '/healthz' })).status, 200);
});

test('the agent listens on 127.0.0.1:9696 unless told otherwise', async (t) => {
  const o = parseOptions([]);
  if (o === 'help') return t.fail();
  t.is(o.host, '127.0.0.1');
  t.is(o.port, 9696);
  const cli = fileURLToPath(new URL('../../agent/cli.js', import.meta.url));
  const help = await execa('node', [cli, '--help']);
  t.regex(help.stdout, /--listen <host:port>\s+address to listen on \(default 127\.0\.0\.1:9696\)/);
});
