import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Diagnostics, Unknown, type ValueObject } from '../../framework/index.js';
import { parseDuration } from './duration.js';
import { checkConfig, resolveSettings } from './settings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'lbaas-settings-'));
const tokenFile = path.join(dir, 'token');
writeFileSync(tokenFile, 'file-token\n');
const cfg = (o: ValueObject = {}): ValueObject => ({ endpoint: null, endpoints: null, token: null, token_file: null, timeouts: null, ...o });

test('durations', (t) => {
  t.is(parseDuration('90s'), 90);
  t.is(parseDuration('5m'), 300);
  t.is(parseDuration('1h30m'), 5400);
  t.is(parseDuration('120'), 120);
  t.is(parseDuration('soon'), undefined);
});

test('block values win over the environment, the environment over defaults', (t) => {
  const d = new Diagnostics();
  const env = { LBAAS_ENDPOINT: 'http://env:1', LBAAS_TOKEN: 'env-token', LBAAS_TIMEOUT: '2m', LBAAS_TIMEOUT_DELETE: '30s', HOME: dir };
  const a = resolveSettings(cfg({ endpoint: 'http://cfg:2', timeouts: { create: '10s', update: null, delete: null } }), d, env);
  t.deepEqual(d.items, []);
  t.deepEqual(a, { ok: true, settings: { endpoint: 'http://cfg:2', endpoints: ['http://cfg:2'], token: 'env-token', timeouts: { create: 10, update: 120, delete: 30 } } });
  const b = resolveSettings(cfg({ token_file: tokenFile }), d, env);
  t.like(b, { ok: true, settings: { endpoint: 'http://env:1', token: 'file-token' } });
  const c = resolveSettings(cfg(), d, { LBAAS_TOKEN_FILE: tokenFile, HOME: dir });
  t.like(c, { ok: true, settings: { endpoint: 'http://127.0.0.1:9696', token: 'file-token', timeouts: { create: 300, update: 300, delete: 300 } } });
});

test('values not known yet are reported as such', (t) => {
  const r = resolveSettings(cfg({ endpoint: Unknown }), new Diagnostics(), {});
  t.deepEqual(r, { ok: false, unknown: ['endpoint'] });
});

test('a missing token says where it looked, on the attribute when configured', (t) => {
  const d = new Diagnostics();
  t.is(resolveSettings(cfg(), d, { HOME: path.join(dir, 'nowhere') }), undefined);
  t.like(d.items[0], { summary: 'No API token for the lbaas-agent' });
  const d2 = new Diagnostics();
  t.is(resolveSettings(cfg({ token_file: path.join(dir, 'missing') }), d2, {}), undefined);
  t.deepEqual(d2.items[0]!.path, ['token_file']);
});

test('validate: bad endpoint, bad timeout, both token and token_file', (t) => {
  const d = new Diagnostics();
  checkConfig(cfg({ endpoint: 'ftp://x', token: 'a', token_file: 'b', timeouts: { create: 'soon', update: null, delete: null } }), d);
  t.deepEqual(d.items.map((i) => i.path), [['endpoint'], ['token_file'], ['timeouts', 'create']]);
});

test('endpoints: the list wins over endpoint, LBAAS_ENDPOINTS over LBAAS_ENDPOINT; each entry is checked, naming it', (t) => {
  const d = new Diagnostics();
  const env = { LBAAS_ENDPOINT: 'http://env:1', LBAAS_ENDPOINTS: 'http://a:1, http://b:2', LBAAS_TOKEN: 't' };
  t.like(resolveSettings(cfg({ endpoints: ['http://x:1', 'http://y:2'], endpoint: 'http://z:3' }), d, env), {
    settings: { endpoint: 'http://x:1', endpoints: ['http://x:1', 'http://y:2'] },
  });
  t.like(resolveSettings(cfg(), d, env), { settings: { endpoint: 'http://a:1', endpoints: ['http://a:1', 'http://b:2'] } });
  t.deepEqual(d.items, []);
  const bad = new Diagnostics();
  checkConfig(cfg({ endpoints: ['http://ok:1', 'ftp://no'] }), bad);
  t.deepEqual(bad.items.map((i) => i.path), [['endpoints', 1]]);
  const badEnv = new Diagnostics();
  t.is(resolveSettings(cfg(), badEnv, { LBAAS_ENDPOINTS: 'http://ok:1,nope', LBAAS_TOKEN: 't' }), undefined);
  t.regex(badEnv.items[0]!.detail ?? '', /\$LBAAS_ENDPOINTS: .*"nope"/);
  t.deepEqual(resolveSettings(cfg({ endpoints: [Unknown] }), new Diagnostics(), {}), { ok: false, unknown: ['endpoints'] });
});
