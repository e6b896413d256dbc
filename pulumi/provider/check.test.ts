/**
 * check, called on the providers directly: the schema's validation, one
 * failure per property, defaults, unknowns, settings. Cases are written with
 * the schema's names and sent in camelCase, as a program sends them.
 */
import test from 'ava';
import { camelName, toCamel } from '../../schema/case.js';
import type { Kind } from '../../schema/resources.js';
import { PROVIDERS } from './index.js';
import { UNKNOWN } from './values.js';

const ID = '6f1c1a52-3c1f-4d3e-9a55-0b1e2f3a4b5c';
const CONN = { endpoint: 'http://127.0.0.1:9696', token: 'secret-token' };

async function check(kind: Kind, news: Record<string, unknown>) {
  return PROVIDERS[kind].check({}, { __provider: 'serialized text', ...toCamel<Record<string, unknown>>(news) });
}

/** Failures by property, in the schema's names (the provider reports camelCase: checked here). */
function failuresOf(r: { failures?: readonly { property: string; reason: string }[] }): Record<string, string> {
  for (const f of r.failures ?? []) if (camelName(f.property) !== f.property) throw new Error(`snake_case property ${f.property}`);
  const snake = (p: string) => (p === 'waitSeconds' ? p : p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
  return Object.fromEntries((r.failures ?? []).map((f) => [snake(f.property), f.reason]));
}

const VALID: Record<Kind, Record<string, unknown>> = {
  pool: { name: 'web', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local' },
  member: { pool_id: ID, address: '10.0.0.5', protocol_port: 8080 },
  vip: { name: 'web', pool_id: ID, subnet: 'local', protocol_port: 80, protocol: 'HTTP' },
  health_monitor: { type: 'HTTP', delay: 5, timeout: 3, max_retries: 3 },
};

const DEFAULTS: Record<Kind, Record<string, unknown>> = {
  pool: { description: '', admin_state_up: true, health_monitor_ids: [] },
  member: { weight: 1, admin_state_up: true, backup: false },
  vip: { description: '', connection_limit: -1, admin_state_up: true, session_persistence: null, address: null },
  health_monitor: { admin_state_up: true, http_method: 'GET', url_path: '/', expected_codes: '200' },
};

for (const kind of Object.keys(VALID) as Kind[]) {
  test(`${kind}: valid inputs pass, come back with the defaults and keep the settings`, async (t) => {
    const r = await check(kind, { ...VALID[kind], ...CONN });
    t.deepEqual(r.failures, []);
    t.like(r.inputs, toCamel<Record<string, unknown>>({ ...VALID[kind], ...DEFAULTS[kind], ...CONN }));
    t.false('__provider' in (r.inputs as object), 'the host adds __provider back itself');
  });
}

const INVALID: [string, Kind, Record<string, unknown>, Record<string, RegExp>][] = [
  [
    'member: every bad field is its own failure',
    'member',
    { pool_id: 'nope', address: '0.0.0.0', protocol_port: 70000, weight: 300 },
    { pool_id: /UUID/, address: /unicast/, protocol_port: /1 and 65535/, weight: /0 and 256/ },
  ],
  ['pool: missing required fields', 'pool', { name: 'x' }, { protocol: /required/, lb_method: /required/, subnet: /required/ }],
  ['pool: unknown field', 'pool', { ...VALID.pool, colour: 'red' }, { colour: /unknown field/ }],
  ['pool: name with a newline', 'pool', { ...VALID.pool, name: 'a\nb' }, { name: /newlines/ }],
  ['health_monitor: timeout above delay (a cross-field rule)', 'health_monitor', { ...VALID.health_monitor, timeout: 9 }, { timeout: /at most delay/ }],
  [
    'vip: APP_COOKIE without cookie_name (nested path)',
    'vip',
    { ...VALID.vip, session_persistence: { type: 'APP_COOKIE' } },
    { 'session_persistence.cookie_name': /required/ },
  ],
  ['health_monitor: url_path with a space', 'health_monitor', { ...VALID.health_monitor, url_path: '/a b' }, { url_path: /URL characters/ }],
  ['pool: a bad id in a set (indexed path)', 'pool', { ...VALID.pool, health_monitor_ids: [ID, 'x'] }, { 'health_monitor_ids[1]': /UUID/ }],
];

for (const [title, kind, spec, expected] of INVALID) {
  test(`check fails: ${title}`, async (t) => {
    const r = await check(kind, { ...spec, ...CONN });
    const got = failuresOf(r);
    t.deepEqual(Object.keys(got).sort(), Object.keys(expected).sort(), JSON.stringify(r.failures));
    for (const [p, re] of Object.entries(expected)) t.regex(got[p]!, re, p);
    t.is(new Set(r.failures!.map((f) => f.property)).size, r.failures!.length, 'one failure per property');
  });
}

test.serial('check: connection settings are required and validated, naming config and environment', async (t) => {
  const saved = { e: process.env.LBAAS_ENDPOINT, k: process.env.LBAAS_TOKEN };
  delete process.env.LBAAS_ENDPOINT;
  delete process.env.LBAAS_TOKEN;
  try {
    const none = failuresOf(await check('pool', VALID.pool));
    t.regex(none.endpoint!, /lbaas:endpoint.*LBAAS_ENDPOINT/);
    t.regex(none.token!, /lbaas:token.*LBAAS_TOKEN/);
    const bad = failuresOf(await check('pool', { ...VALID.pool, endpoint: 'localhost:9696', token: 't', waitSeconds: -1 }));
    t.regex(bad.endpoint!, /http:\/\//);
    t.regex(bad.waitSeconds!, /between 0 and/);
    process.env.LBAAS_ENDPOINT = 'http://127.0.0.1:1';
    process.env.LBAAS_TOKEN = 'from-env';
    const env = await check('pool', VALID.pool);
    t.deepEqual(env.failures, []);
    t.false('token' in (env.inputs as object), 'a token from the provider environment is not written to the state');
  } finally {
    for (const [k, v] of [['LBAAS_ENDPOINT', saved.e], ['LBAAS_TOKEN', saved.k]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
});

test('check: values unknown during a preview are not failures and stay unknown', async (t) => {
  const r = await check('member', { pool_id: UNKNOWN, address: '10.0.0.5', protocol_port: 8080, ...CONN });
  t.deepEqual(r.failures, []);
  t.like(r.inputs, { poolId: UNKNOWN, weight: 1 });
  const bad = await check('member', { pool_id: UNKNOWN, address: 'x', protocol_port: 8080, ...CONN });
  t.deepEqual(failuresOf(bad), { address: 'must be an IPv4 address' });
  const vip = await check('vip', { ...VALID.vip, pool_id: UNKNOWN, endpoint: UNKNOWN, token: UNKNOWN });
  t.deepEqual(vip.failures, []);
});
