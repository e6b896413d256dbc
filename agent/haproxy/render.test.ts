/**
 * Rendered config for every mapping of DESIGN.md "HAProxy", table-driven, and
 * `haproxy -c` on each rendered config: every mapping must be a valid HAProxy
 * 2.6 config, not only the text we expect.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MonitorModel, PoolModel, RenderPaths, ServerModel } from './model.js';
import { renderConfig, structuralKey } from './render.js';
import { requires } from '../../test/harness/requires.js';

const exec = promisify(execFile);
/** The table's cases end with `haproxy -c` on the rendered file. */
const withHaproxy = requires(test, 'haproxy');

const POOL = '11111111-1111-4111-8111-111111111111';
const VIP = '22222222-2222-4222-8222-222222222222';
const S1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const S2 = 'aaaaaaaa-0000-4000-8000-000000000002';
const M1 = 'bbbbbbbb-0000-4000-8000-000000000001';
const M2 = 'bbbbbbbb-0000-4000-8000-000000000002';
const M3 = 'bbbbbbbb-0000-4000-8000-000000000003';

function server(id: string, port: number, o: Partial<ServerModel> = {}): ServerModel {
  return { id, address: '127.0.0.1', port, weight: 1, adminUp: true, backup: false, ...o };
}

function monitor(id: string, type: MonitorModel['type'], o: Partial<MonitorModel> = {}): MonitorModel {
  return { id, type, delay: 5, timeout: 2, max_retries: 3, http_method: null, url_path: null, expected_codes: null, ...o };
}

function model(o: Partial<Omit<PoolModel, 'vip'>> & { vip?: Partial<PoolModel['vip']> } = {}): PoolModel {
  const { vip, ...rest } = o;
  return {
    poolId: POOL,
    protocol: 'HTTP',
    lbMethod: 'ROUND_ROBIN',
    adminUp: true,
    monitors: [],
    servers: [server(S1, 8001), server(S2, 8002)],
    ...rest,
    vip: { id: VIP, address: '127.100.7.8', port: 8080, connectionLimit: -1, persistence: null, adminUp: true, ...vip },
  };
}

/** Section header ("frontend <id>", "backend <id>", …) → its trimmed lines. */
function sections(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) out.set(line.trim(), (current = []));
    else current?.push(line.trim());
  }
  return out;
}

const FE = `frontend ${VIP}`;
const BE = `backend ${POOL}`;

interface Case {
  name: string;
  model: PoolModel;
  /** Lines that must be in a section (exact, trimmed). */
  has?: Record<string, string[]>;
  /** Lines that must not be in a section (exact, or a RegExp). */
  hasNot?: Record<string, (string | RegExp)[]>;
  /** Server line of each server id, exactly. */
  servers?: Record<string, string>;
}

const CHECK_HTTP = [
  'http-check connect',
  'http-check send meth HEAD uri /health ver HTTP/1.0',
  'http-check expect rstatus ^(200|201|202|204)$',
];
const CHECK_HTTPS = ['http-check connect ssl', 'http-check send meth GET uri / ver HTTP/1.0', 'http-check expect rstatus ^(200)$'];

const cases: Case[] = [
  {
    name: 'ROUND_ROBIN → balance roundrobin',
    model: model(),
    has: { [BE]: ['mode http', 'balance roundrobin', `server ${S1} 127.0.0.1:8001 weight 1`] },
    hasNot: { [BE]: ['hash-type consistent', /^stick/, /^cookie/, /check/] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1`, [S2]: `server ${S2} 127.0.0.1:8002 weight 1` },
  },
  { name: 'LEAST_CONNECTIONS → balance leastconn', model: model({ lbMethod: 'LEAST_CONNECTIONS' }), has: { [BE]: ['balance leastconn'] } },
  {
    name: 'SOURCE_IP → balance source + hash-type consistent',
    model: model({ lbMethod: 'SOURCE_IP' }),
    has: { [BE]: ['balance source', 'hash-type consistent'] },
  },
  {
    name: 'persistence SOURCE_IP → ip stick-table, stick on src',
    model: model({ vip: { persistence: { type: 'SOURCE_IP' } } }),
    has: { [BE]: ['stick-table type ip size 100k expire 30m', 'stick on src'] },
    hasNot: { [BE]: [/^cookie/, /cookie /] },
  },
  {
    name: 'persistence HTTP_COOKIE → cookie SRV insert indirect nocache, cookie <member id> per server',
    model: model({ vip: { persistence: { type: 'HTTP_COOKIE' } } }),
    has: { [BE]: ['cookie SRV insert indirect nocache'] },
    hasNot: { [BE]: [/^stick/] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1 cookie ${S1}`, [S2]: `server ${S2} 127.0.0.1:8002 weight 1 cookie ${S2}` },
  },
  {
    name: 'persistence APP_COOKIE → string stick-table, store-response res.cook, match req.cook',
    model: model({ vip: { persistence: { type: 'APP_COOKIE', cookie_name: 'JSESSIONID' } } }),
    has: {
      [BE]: [
        'stick-table type string len 64 size 100k expire 30m',
        'stick store-response res.cook(JSESSIONID)',
        'stick match req.cook(JSESSIONID)',
      ],
    },
    hasNot: { [BE]: [/^cookie/, /appsession/] },
  },
  {
    name: 'HTTP → mode http, idle-close-on-response, forwardfor and X-Forwarded-Port/Proto',
    model: model({ protocol: 'HTTP' }),
    has: {
      defaults: ['mode http'],
      [FE]: [
        'bind 127.100.7.8:8080',
        'mode http',
        'option idle-close-on-response',
        'option forwardfor',
        'http-request set-header X-Forwarded-Port %[dst_port]',
        'http-request set-header X-Forwarded-Proto http',
        `default_backend ${POOL}`,
      ],
      [BE]: ['mode http'],
    },
  },
  {
    name: 'TCP → mode tcp, no HTTP header rewriting',
    model: model({ protocol: 'TCP' }),
    has: { defaults: ['mode tcp'], [FE]: ['mode tcp'], [BE]: ['mode tcp'] },
    hasNot: { [FE]: ['option forwardfor', 'option idle-close-on-response', /^http-request/] },
  },
  {
    name: 'HTTPS → mode tcp (TLS passed through)',
    model: model({ protocol: 'HTTPS' }),
    has: { defaults: ['mode tcp'], [FE]: ['mode tcp'], [BE]: ['mode tcp'] },
    hasNot: { [FE]: ['option forwardfor', /^http-request/, /ssl/], [BE]: [/ssl/] },
  },
  {
    name: 'PING monitor → TCP connect check (no ICMP in HAProxy)',
    model: model({ monitors: [monitor(M1, 'PING')] }),
    has: { [BE]: ['timeout check 2s'] },
    hasNot: { [BE]: ['option httpchk', /^http-check/, /^tcp-check/] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1 check inter 5s fall 3 rise 3` },
  },
  {
    name: 'TCP monitor → TCP connect check',
    model: model({ protocol: 'TCP', monitors: [monitor(M1, 'TCP', { delay: 3, timeout: 1, max_retries: 2 })] }),
    has: { [BE]: ['timeout check 1s'] },
    hasNot: { [BE]: ['option httpchk', /^http-check/] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1 check inter 3s fall 2 rise 2` },
  },
  {
    name: 'HTTP monitor → httpchk send/expect, expected_codes expanded',
    model: model({ monitors: [monitor(M1, 'HTTP', { http_method: 'HEAD', url_path: '/health', expected_codes: '200-202,204' })] }),
    has: { [BE]: ['timeout check 2s', 'option httpchk', ...CHECK_HTTP] },
    servers: { [S2]: `server ${S2} 127.0.0.1:8002 weight 1 check inter 5s fall 3 rise 3` },
  },
  {
    name: 'HTTP monitor defaults → GET / expecting 200',
    model: model({ monitors: [monitor(M1, 'HTTP')] }),
    has: { [BE]: ['option httpchk', 'http-check connect', 'http-check send meth GET uri / ver HTTP/1.0', 'http-check expect rstatus ^(200)$'] },
  },
  {
    name: 'HTTPS monitor → real TLS check (connect ssl, verify none) on a passthrough pool',
    model: model({ protocol: 'HTTPS', monitors: [monitor(M1, 'HTTPS')] }),
    has: { [BE]: ['mode tcp', 'option httpchk', ...CHECK_HTTPS] },
    hasNot: { [BE]: [/ssl-hello-chk/] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1 check inter 5s fall 3 rise 3 verify none` },
  },
  {
    name: 'url_path with a quote is escaped (HAProxy would read it as a quoted string)',
    model: model({ monitors: [monitor(M1, 'HTTP', { url_path: "/it's/ok?a=1&b=(2)" })] }),
    has: { [BE]: ["http-check send meth GET uri /it\\'s/ok?a=1&b=(2) ver HTTP/1.0"] },
  },
  {
    name: 'several monitors → one ANDed sequence, strictest cadence',
    model: model({
      monitors: [
        monitor(M1, 'TCP', { delay: 7, timeout: 3, max_retries: 5 }),
        monitor(M2, 'HTTP', { delay: 4, timeout: 1, max_retries: 2, http_method: 'HEAD', url_path: '/health', expected_codes: '200-202,204' }),
        monitor(M3, 'HTTPS', { delay: 6, timeout: 2, max_retries: 4 }),
      ],
    }),
    has: { [BE]: ['timeout check 3s', 'option httpchk', ...CHECK_HTTP, ...CHECK_HTTPS] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1 check inter 4s fall 2 rise 2 verify none` },
  },
  {
    name: 'several connect-only monitors (PING + TCP) → one plain connect check',
    model: model({ protocol: 'TCP', monitors: [monitor(M1, 'PING'), monitor(M2, 'TCP', { delay: 2, timeout: 1 })] }),
    has: { [BE]: ['timeout check 2s'] },
    hasNot: { [BE]: ['option httpchk', /^http-check/] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1 check inter 2s fall 3 rise 3` },
  },
  {
    name: 'TCP monitor before an HTTP one (by id) → only the HTTP probe, which implies the connect',
    model: model({ monitors: [monitor(M1, 'TCP'), monitor(M2, 'HTTP', { http_method: 'HEAD', url_path: '/health', expected_codes: '200-202,204' })] }),
    has: { [BE]: ['option httpchk', ...CHECK_HTTP] },
  },
  { name: 'connection_limit → maxconn', model: model({ vip: { connectionLimit: 250 } }), has: { [FE]: ['maxconn 250'] } },
  { name: 'connection_limit -1 → no maxconn', model: model({ vip: { connectionLimit: -1 } }), hasNot: { [FE]: [/maxconn/] } },
  {
    name: 'VIP admin_state_up false → frontend disabled',
    model: model({ vip: { adminUp: false } }),
    has: { [FE]: ['disabled'] },
    hasNot: { [BE]: ['disabled'] },
  },
  {
    name: 'pool admin_state_up false → backend disabled',
    model: model({ adminUp: false }),
    has: { [BE]: ['disabled'] },
    hasNot: { [FE]: ['disabled'] },
  },
  {
    name: 'member admin_state_up false → server kept, disabled',
    model: model({ servers: [server(S1, 8001, { adminUp: false }), server(S2, 8002)] }),
    hasNot: { [FE]: ['disabled'], [BE]: ['disabled'] },
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 1 disabled`, [S2]: `server ${S2} 127.0.0.1:8002 weight 1` },
  },
  {
    name: 'weight 0 (drain), weights, backup',
    model: model({ servers: [server(S1, 8001, { weight: 0 }), server(S2, 8002, { weight: 256, backup: true })] }),
    servers: { [S1]: `server ${S1} 127.0.0.1:8001 weight 0`, [S2]: `server ${S2} 127.0.0.1:8002 weight 256 backup` },
  },
  {
    name: 'everything at once',
    model: model({
      lbMethod: 'SOURCE_IP',
      adminUp: false,
      monitors: [monitor(M1, 'HTTP', { expected_codes: '200,202' }), monitor(M2, 'PING')],
      servers: [server(S1, 8001, { weight: 0, adminUp: false, backup: true }), server(S2, 8002, { weight: 3 })],
      vip: { connectionLimit: 5, adminUp: false, persistence: { type: 'HTTP_COOKIE' } },
    }),
    has: { [FE]: ['maxconn 5', 'disabled'], [BE]: ['balance source', 'hash-type consistent', 'disabled', 'http-check expect rstatus ^(200|202)$'] },
    servers: {
      [S1]: `server ${S1} 127.0.0.1:8001 weight 0 check inter 5s fall 3 rise 3 backup cookie ${S1} disabled`,
      [S2]: `server ${S2} 127.0.0.1:8002 weight 3 check inter 5s fall 3 rise 3 cookie ${S2}`,
    },
  },
];

function renderPaths(dir: string): RenderPaths {
  return { adminSocket: path.join(dir, 'admin.sock'), serverState: path.join(dir, 'server-state') };
}

for (const c of cases) {
  withHaproxy(`render: ${c.name}`, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lbt-render-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const text = renderConfig(c.model, renderPaths(dir));
    const s = sections(text);
    t.deepEqual([...s.keys()], ['global', 'defaults', FE, BE], text);
    t.true(s.get('global')!.includes('master-worker'));
    t.true(s.get('global')!.includes(`stats socket ${path.join(dir, 'admin.sock')} mode 600 level admin expose-fd listeners`));
    t.true(s.get('global')!.includes(`server-state-file ${path.join(dir, 'server-state')}`));
    t.true(s.get('defaults')!.includes('load-server-state-from-file global'));
    for (const [section, lines] of Object.entries(c.has ?? {})) {
      const got = s.get(section) ?? [];
      for (const l of lines) t.true(got.includes(l), `${section} lacks "${l}":\n${text}`);
    }
    for (const [section, lines] of Object.entries(c.hasNot ?? {})) {
      const got = (s.get(section) ?? []).filter((l) => !l.startsWith('server '));
      for (const l of lines) {
        const hit = got.find((g) => (typeof l === 'string' ? g === l : l.test(g)));
        t.is(hit, undefined, `${section} must not have ${String(l)}:\n${text}`);
      }
    }
    const serverLines = (s.get(BE) ?? []).filter((l) => l.startsWith('server '));
    t.is(serverLines.length, c.model.servers.length);
    for (const [id, line] of Object.entries(c.servers ?? {})) {
      t.is(serverLines.find((l) => l.startsWith(`server ${id} `)), line);
    }

    // The real check: HAProxy 2.6 accepts it, without a warning.
    const file = path.join(dir, 'haproxy.cfg');
    writeFileSync(file, text, { mode: 0o600 });
    writeFileSync(path.join(dir, 'server-state'), '1\n', { mode: 0o600 });
    const r = await exec('haproxy', ['-c', '-f', file]).catch((err: { stdout?: string; stderr?: string }) => {
      t.fail(`haproxy -c rejected:\n${err.stderr ?? ''}${err.stdout ?? ''}\n${text}`);
      return { stdout: '', stderr: '' };
    });
    t.notRegex(`${r.stdout}${r.stderr}`, /\[(WARNING|ALERT)\]/, `${r.stdout}${r.stderr}\n${text}`);
  });
}

test('structural key: weight and member admin state are runtime changes, everything else reloads', (t) => {
  const p = renderPaths('/x');
  const base = model();
  const key = structuralKey(base, p);
  const runtime: PoolModel[] = [
    model({ servers: [server(S1, 8001, { weight: 0 }), server(S2, 8002)] }),
    model({ servers: [server(S1, 8001, { weight: 200 }), server(S2, 8002)] }),
    model({ servers: [server(S1, 8001, { adminUp: false }), server(S2, 8002)] }),
  ];
  for (const m of runtime) t.is(structuralKey(m, p), key, renderConfig(m, p));
  const structural: PoolModel[] = [
    model({ servers: [server(S1, 8001)] }),
    model({ servers: [server(S1, 8001), server(S2, 8003)] }),
    model({ servers: [server(S1, 8001, { backup: true }), server(S2, 8002)] }),
    model({ lbMethod: 'LEAST_CONNECTIONS' }),
    model({ adminUp: false }),
    model({ vip: { adminUp: false } }),
    model({ vip: { connectionLimit: 3 } }),
    model({ vip: { persistence: { type: 'SOURCE_IP' } } }),
    model({ monitors: [monitor(M1, 'TCP')] }),
  ];
  for (const m of structural) t.not(structuralKey(m, p), key, renderConfig(m, p));
  t.is(renderConfig(base, p), renderConfig(model(), p), 'rendering is deterministic');
});
