/**
 * Bad input and unreachable agents: one line on stderr naming the field and
 * its flag, a distinct exit code, nothing changed on the agent. Endpoints
 * come from flags, LBAAS_ENDPOINTS, LBAAS_TOKEN_FILE; the next endpoint is
 * used when one does not answer or answers 503.
 */
import anyTest from 'ava';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAgent } from '../harness/agent.js';
import { freePort } from '../harness/ports.js';
import { envFor, lbaas } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

const POOL = ['pool', 'create', '--name', 'p', '--protocol', 'TCP', '--lb-method', 'ROUND_ROBIN', '--subnet', 'local'];

test('bad input: one line naming the field and flag, exit 1 (agent) or 2 (command line), nothing created', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const env = envFor(agent);
  const table: [string[], number, RegExp][] = [
    [['member', 'create', '--pool-id', 'nope', '--address', '127.0.0.1', '--protocol-port', '80'], 1, /^lbaas: pool_id \(--pool-id\): must be a UUID \[400 validation_failed\]$/],
    [['member', 'create', '--pool-id', '6f1c1a52-3c1f-4d3e-9a55-0b1e2f3a4b5c', '--address', '127.0.0.1', '--protocol-port', '70000'], 1, /^lbaas: protocol_port \(--protocol-port\): .*65535.* \[400 validation_failed\]$/],
    [[...POOL, '--name', 'a b\nc'], 1, /^lbaas: name \(--name\): .*newlines.*\[400/],
    [['vip', 'create', '--name', 'v', '--pool-id', '6f1c1a52-3c1f-4d3e-9a55-0b1e2f3a4b5c', '--subnet', 'local', '--protocol', 'HTTP', '--protocol-port', '80', '--session-persistence', 'type=APP_COOKIE'], 1, /session_persistence\.cookie_name \(--session-persistence\): is required/],
    [['member', 'create', '--pool-id', 'x', '--address', '127.0.0.1', '--protocol-port', 'eighty'], 2, /--protocol-port: expected an integer, got "eighty"/],
    [['pool', 'create', '--name', 'p', '--protocol', 'UDP', '--lb-method', 'ROUND_ROBIN', '--subnet', 'local'], 2, /--protocol.*UDP.*choices/i],
    [['pool', 'create', '--name', 'p'], 2, /required option '--protocol/],
    [['pool', 'frobnicate'], 2, /unknown command 'frobnicate'/],
    [['pool', 'list', '-f', 'xml'], 2, /xml.*choices/],
    [['pool', 'set', '6f1c1a52-3c1f-4d3e-9a55-0b1e2f3a4b5c'], 2, /nothing to set: give at least one of --name/],
    [['pool', 'set', '6f1c1a52-3c1f-4d3e-9a55-0b1e2f3a4b5c', '--subnet', 'x'], 2, /unknown option '--subnet'/],
  ];
  for (const [args, code, re] of table) {
    const r = await lbaas(args, env);
    t.is(r.exitCode, code, `${args.join(' ')}: ${r.stderr}`);
    t.regex(r.stderr.trim().split('\n')[0]!, re, args.join(' '));
  }
  for (const k of ['pool', 'member', 'vip', 'health_monitor'] as const) t.deepEqual(await agent.client.list(k), [], k);
});

test('connection: flags, LBAAS_ENDPOINTS, token file; a dead endpoint or one answering 503 is skipped; none answering is exit 3', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  // An agent that lost its store answers 503 problem+json: the client moves on.
  const stale = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'urn:lbaas:error:store_unavailable', title: 'Store unavailable', status: 503, detail: 'etcd has no quorum', code: 'store_unavailable' }));
  });
  await new Promise<void>((r) => stale.listen(0, '127.0.0.1', r));
  t.teardown(() => new Promise<void>((r) => stale.close(() => r())));
  const staleUrl = `http://127.0.0.1:${(stale.address() as AddressInfo).port}`;
  const dead = `http://127.0.0.1:${await freePort()}`;
  const tokenFile = `${agent.stateDir}/token`;

  const viaFlags = await lbaas(['--endpoint', dead, '--endpoint', staleUrl, '--endpoint', agent.endpoint, '--token-file', tokenFile, ...POOL, '-f', 'value', '-c', 'id']);
  t.is(viaFlags.exitCode, 0, viaFlags.stderr);
  const viaEnv = await lbaas(['pool', 'list', '-f', 'value', '-c', 'id'], { LBAAS_ENDPOINTS: `${dead},${staleUrl}, ${agent.endpoint}`, LBAAS_TOKEN_FILE: tokenFile });
  t.is(viaEnv.stdout.trim(), viaFlags.stdout.trim(), viaEnv.stderr);
  t.is((await agent.client.list('pool')).length, 1, 'one pool: the create went to one agent once');

  const none = await lbaas(['pool', 'list'], { LBAAS_ENDPOINTS: dead, LBAAS_TOKEN: agent.token });
  t.is(none.exitCode, 3);
  t.regex(none.stderr, /^lbaas: no agent answered at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  const only503 = await lbaas(['pool', 'list'], { LBAAS_ENDPOINT: staleUrl, LBAAS_TOKEN: agent.token });
  t.is(only503.exitCode, 1);
  t.regex(only503.stderr, /etcd has no quorum \[503 store_unavailable\]/);
  const badUrl = await lbaas(['pool', 'list'], { LBAAS_ENDPOINT: 'localhost:9696', LBAAS_TOKEN: 't' });
  t.is(badUrl.exitCode, 2);
  t.regex(badUrl.stderr, /\$LBAAS_ENDPOINT: must be an http:\/\/ or https:\/\/ URL/);
  const noToken = await lbaas(['pool', 'list'], { LBAAS_ENDPOINT: agent.endpoint, LBAAS_TOKEN_FILE: '/nonexistent/token' });
  t.is(noToken.exitCode, 2);
  t.regex(noToken.stderr, /no API token: cannot read \/nonexistent\/token \(\$LBAAS_TOKEN_FILE\): ENOENT/);
  const wrongToken = await lbaas(['pool', 'list'], { LBAAS_ENDPOINT: agent.endpoint, LBAAS_TOKEN: 'wrong' });
  t.is(wrongToken.exitCode, 1);
  t.regex(wrongToken.stderr, /\[401 unauthorized\]/);
});
