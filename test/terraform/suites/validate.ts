/**
 * `terraform validate` refuses what the agent would refuse, with the
 * diagnostic on the attribute (Terraform quotes the offending line), and
 * accepts values it cannot know yet. One configuration holds every case;
 * each diagnostic is matched to its case by the line range Terraform reports.
 */
import type { ExecutionContext } from 'ava';
import { type CliName } from '../cli.js';
import { defineSuite } from '../suite.js';
import type { Workdir } from '../workdir.js';

interface Case {
  /** Resource type and body. */
  type: string;
  body: string;
  /** The attribute the diagnostic must name and point at. */
  attr: string;
  /** Expected words of the message. */
  message: RegExp;
}

const POOL = '00000000-0000-4000-8000-000000000001';
const member = (extra: string) => `pool_id = "${POOL}"\naddress = "127.0.0.1"\nprotocol_port = 8080\n${extra}`;
const pool = (extra: string) => `name = "p"\nprotocol = "HTTP"\nlb_method = "ROUND_ROBIN"\nsubnet = "local"\n${extra}`;
const monitor = (extra: string) => `type = "HTTP"\ndelay = 5\ntimeout = 2\nmax_retries = 3\n${extra}`;
const vip = (extra: string) => `name = "v"\npool_id = "${POOL}"\nsubnet = "local"\nprotocol = "HTTP"\nprotocol_port = 80\n${extra}`;
/** Replace a line of a body: `set(body, 'protocol_port', '70000')`. */
const set = (body: string, attr: string, value: string) => body.replace(new RegExp(`^${attr} = .*$`, 'm'), `${attr} = ${value}`);

export const CASES: Record<string, Case> = {
  member_port_range: { type: 'lbaas_member', body: set(member(''), 'protocol_port', '70000'), attr: 'protocol_port', message: /between 1 and 65535/ },
  member_weight_range: { type: 'lbaas_member', body: member('weight = 300'), attr: 'weight', message: /between 0 and 256/ },
  member_weight_fraction: { type: 'lbaas_member', body: member('weight = 1.5'), attr: 'weight', message: /integer/ },
  member_address_invalid: { type: 'lbaas_member', body: set(member(''), 'address', '"300.1.1.1"'), attr: 'address', message: /IPv4/ },
  member_address_unspecified: { type: 'lbaas_member', body: set(member(''), 'address', '"0.0.0.0"'), attr: 'address', message: /unicast/ },
  member_pool_id: { type: 'lbaas_member', body: set(member(''), 'pool_id', '"pool-1"'), attr: 'pool_id', message: /UUID/ },
  pool_protocol: { type: 'lbaas_pool', body: set(pool(''), 'protocol', '"UDP"'), attr: 'protocol', message: /one of TCP, HTTP, HTTPS/ },
  pool_lb_method: { type: 'lbaas_pool', body: set(pool(''), 'lb_method', '"RANDOM"'), attr: 'lb_method', message: /ROUND_ROBIN/ },
  pool_name_empty: { type: 'lbaas_pool', body: set(pool(''), 'name', '""'), attr: 'name', message: /must not be empty/ },
  pool_name_newline: { type: 'lbaas_pool', body: set(pool(''), 'name', '"web\\nbackend"'), attr: 'name', message: /newlines/ },
  pool_subnet: { type: 'lbaas_pool', body: set(pool(''), 'subnet', '"Bad Net"'), attr: 'subnet', message: /a-z, 0-9/ },
  pool_monitor_ids: { type: 'lbaas_pool', body: pool('health_monitor_ids = ["monitor-1"]'), attr: 'health_monitor_ids', message: /UUID/ },
  monitor_timeout_gt_delay: { type: 'lbaas_health_monitor', body: set(monitor(''), 'timeout', '10'), attr: 'timeout', message: /at most delay \(5\)/ },
  monitor_retries: { type: 'lbaas_health_monitor', body: set(monitor(''), 'max_retries', '0'), attr: 'max_retries', message: /between 1 and 10/ },
  monitor_type: { type: 'lbaas_health_monitor', body: set(monitor(''), 'type', '"ICMP"'), attr: 'type', message: /PING, TCP, HTTP, HTTPS/ },
  monitor_url_path: { type: 'lbaas_health_monitor', body: monitor('url_path = "/health check"'), attr: 'url_path', message: /URL characters/ },
  monitor_expected_codes: { type: 'lbaas_health_monitor', body: monitor('expected_codes = "200-600"'), attr: 'expected_codes', message: /status code/ },
  monitor_http_method: { type: 'lbaas_health_monitor', body: monitor('http_method = "FETCH"'), attr: 'http_method', message: /GET, HEAD/ },
  monitor_http_field_on_tcp: { type: 'lbaas_health_monitor', body: set(monitor('url_path = "/health"'), 'type', '"TCP"'), attr: 'url_path', message: /only valid for HTTP and HTTPS/ },
  vip_connection_limit: { type: 'lbaas_vip', body: vip('connection_limit = 0'), attr: 'connection_limit', message: /-1 \(unlimited\)/ },
  vip_port: { type: 'lbaas_vip', body: set(vip(''), 'protocol_port', '0'), attr: 'protocol_port', message: /between 1 and 65535/ },
  vip_address: { type: 'lbaas_vip', body: vip('address = "10.0.0"'), attr: 'address', message: /IPv4/ },
  vip_app_cookie_without_name: {
    type: 'lbaas_vip',
    body: vip('session_persistence {\n  type = "APP_COOKIE"\n}'),
    attr: 'session_persistence',
    message: /cookie_name is required when type is APP_COOKIE/,
  },
  vip_cookie_name_bad: {
    type: 'lbaas_vip',
    body: vip('session_persistence {\n  type        = "APP_COOKIE"\n  cookie_name = "my cookie"\n}'),
    attr: 'cookie_name',
    message: /1-64 characters/,
  },
  vip_cookie_on_tcp: {
    type: 'lbaas_vip',
    body: set(vip('session_persistence {\n  type = "HTTP_COOKIE"\n}'), 'protocol', '"TCP"'),
    attr: 'type',
    message: /HTTP_COOKIE needs protocol HTTP/,
  },
};

interface JsonDiagnostic {
  severity: string;
  summary: string;
  detail: string;
  range?: { filename: string; start: { line: number }; end: { line: number } };
  snippet?: { code: string };
}

const HEADER = `terraform {\n  required_providers {\n    lbaas = { source = "lbaas.local/lbaas/lbaas" }\n  }\n}\n`;

function render(cases: Record<string, Case>): { text: string; lines: Record<string, [number, number]> } {
  let text = `${HEADER}\nprovider "lbaas" {}\n`;
  const lines: Record<string, [number, number]> = {};
  for (const [name, c] of Object.entries(cases)) {
    text += '\n';
    const start = text.split('\n').length;
    text += `resource "${c.type}" "${name}" {\n${c.body.replace(/^/gm, '  ')}\n}\n`;
    lines[name] = [start, text.split('\n').length - 1];
  }
  return { text, lines };
}

async function validate(w: Workdir): Promise<{ valid: boolean; diagnostics: JsonDiagnostic[] }> {
  const r = await w.ok(['validate', '-json', '-no-color'], [0, 1]);
  return JSON.parse(r.stdout) as { valid: boolean; diagnostics: JsonDiagnostic[] };
}

export function validateSuite(name: CliName): void {
  defineSuite(name, { agent: false }, (s) => {
    let w: Workdir;

    s.test(`every invalid value the agent rejects fails validate, on its attribute (${Object.keys(CASES).length} cases)`, async (t: ExecutionContext) => {
      w = s.workdir();
      const { text, lines } = render(CASES);
      w.write('main.tf', text);
      await w.init();
      const r = await validate(w);
      t.false(r.valid);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      for (const [caseName, c] of Object.entries(CASES)) {
        const [from, to] = lines[caseName]!;
        const mine = errors.filter((d) => d.range && d.range.start.line >= from && d.range.start.line <= to);
        t.is(mine.length, 1, `${caseName}: exactly one diagnostic, got ${JSON.stringify(mine)}`);
        const d = mine[0];
        if (!d) continue;
        t.regex(`${d.summary} ${d.detail}`, c.message, caseName);
        t.true(d.summary.includes(c.attr), `${caseName}: the summary names ${c.attr}: ${d.summary}`);
        // Terraform points at the attribute's line (or its block when the attribute is not written).
        t.regex(d.snippet?.code ?? '', new RegExp(`\\b${c.attr}\\b`), `${caseName}: the quoted line is about ${c.attr}`);
      }
      t.is(errors.length, Object.keys(CASES).length, 'no other errors');
    });

    s.test('values not known at validate time are accepted; a valid configuration validates', async (t) => {
      w.write(
        'main.tf',
        `${HEADER}
provider "lbaas" {}
variable "delay" { type = number }
resource "lbaas_health_monitor" "m" {
  type        = "HTTP"
  delay       = var.delay
  timeout     = 3
  max_retries = 3
}
resource "lbaas_pool" "p" {
  name               = "p"
  protocol           = "HTTP"
  lb_method          = "SOURCE_IP"
  subnet             = "local"
  health_monitor_ids = [lbaas_health_monitor.m.id]
}
resource "lbaas_vip" "v" {
  name          = "v"
  pool_id       = lbaas_pool.p.id
  subnet        = "local"
  protocol      = "HTTP"
  protocol_port = 80
  session_persistence {
    type        = "APP_COOKIE"
    cookie_name = lbaas_pool.p.name
  }
}
data "lbaas_pool" "byname" {
  name = "p"
}
data "lbaas_agent" "this" {}
`,
      );
      const r = await validate(w);
      t.true(r.valid, JSON.stringify(r.diagnostics, null, 2));
    });

    s.test('an agent that cannot be reached is named in the error', async (t) => {
      w.write('main.tf', `${HEADER}\nprovider "lbaas" {}\ndata "lbaas_agent" "this" {}\n`);
      const r = await w.run(['plan', '-no-color', '-input=false'], { env: { LBAAS_ENDPOINT: 'http://127.0.0.1:9', LBAAS_TOKEN: 'x' } });
      t.is(r.code, 1, r.out);
      t.regex(r.out, /Cannot reach the lbaas-agent at http:\/\/127\.0\.0\.1:9: ECONNREFUSED/);
    });

    s.test('invalid provider settings fail validate on the setting', async (t) => {
      // Terraform validates a provider's settings only when something uses the provider.
      w.write('main.tf', `${HEADER}\nprovider "lbaas" {\n  endpoint = "ftp://agent"\n  timeouts {\n    create = "soon"\n  }\n}\ndata "lbaas_agent" "this" {}\n`);
      const r = await validate(w);
      t.false(r.valid);
      const codes = r.diagnostics.map((d) => d.snippet?.code ?? '');
      t.true(codes.some((c) => /endpoint/.test(c)), JSON.stringify(r.diagnostics));
      t.true(codes.some((c) => /create/.test(c)), JSON.stringify(r.diagnostics));
    });
  });
}
