import test from 'ava';
import { z } from 'zod';
import { buildOpenApi } from './openapi.js';
import { HEADERS, QUERY } from './params.js';
import { isRuleIssue, refinePublished, refineRule, unpublishedRefinements } from './published.js';
import { KINDS, RESOURCES, validateCreate } from './resources.js';

test('every refinement of every object, query parameter and header is published or a stated rule', (t) => {
  for (const kind of KINDS) {
    for (const part of ['create', 'update', 'output'] as const) t.deepEqual(unpublishedRefinements(RESOURCES[kind][part]), [], `${kind} ${part}`);
  }
  for (const [name, s] of Object.entries({ ...QUERY, ...HEADERS })) t.deepEqual(unpublishedRefinements(s), [], name);
});

test('a bare refine is found (the check above can fail)', (t) => {
  t.is(unpublishedRefinements(z.object({ a: z.int().refine((n) => n !== 3) })).length, 1);
  t.deepEqual(unpublishedRefinements(z.object({ a: refinePublished(z.int(), (n) => n !== 3, 'not 3', { not: { const: 3 } }) })), []);
  t.deepEqual(unpublishedRefinements(z.object({ a: refineRule(z.int(), (n) => n !== 3, 'not 3') })), []);
});

test('a rule refinement is marked as a rule; a schema refinement is not', (t) => {
  const r = refineRule(z.string(), (s) => s !== 'x', 'not x').safeParse('x');
  t.true(!r.success && isRuleIssue(r.error.issues[0]!));
  const p = refinePublished(z.string(), (s) => s !== 'x', 'not x', { not: { const: 'x' } }).safeParse('x');
  t.true(!p.success && !isRuleIssue(p.error.issues[0]!));
});

/** [kind, body, path of the issue, whether it is a rule (422) rather than a document violation (400)] */
const CASES: [keyof typeof RESOURCES, Record<string, unknown>, string, boolean][] = [
  ['health_monitor', { type: 'TCP', delay: 2, timeout: 3, max_retries: 1 }, 'timeout', true],
  ['health_monitor', { type: 'HTTP', delay: 2, timeout: 1, max_retries: 1, expected_codes: '204-200' }, 'expected_codes', true],
  ['health_monitor', { type: 'HTTP', delay: 2, timeout: 1, max_retries: 1, expected_codes: '2xx' }, 'expected_codes', false],
  ['vip', { name: 'v', pool_id: '3b241101-e2bb-4255-8caf-4136c566a962', subnet: 'local', protocol_port: 80, protocol: 'HTTP', connection_limit: 0 }, 'connection_limit', false],
  ['member', { pool_id: '3b241101-e2bb-4255-8caf-4136c566a962', address: '0.0.0.0', protocol_port: 80 }, 'address', false],
];

for (const [kind, body, path, rule] of CASES) {
  test(`${kind} ${JSON.stringify(body)}: ${path} is ${rule ? 'a rule (422)' : 'refused by the document (400)'}`, (t) => {
    const v = validateCreate(RESOURCES[kind], body);
    t.false(v.ok);
    if (v.ok) return;
    t.deepEqual(v.issues.map((i) => [i.path.join('.'), i.rule === true]), [[path, rule]]);
  });
}

test('the document publishes what the refinements check', (t) => {
  const doc = buildOpenApi('0', { networks: ['local', 'ext-1'] }) as { components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> } };
  const s = doc.components.schemas;
  t.deepEqual(s.PoolCreate!.properties.subnet!.enum, ['local', 'ext-1']);
  t.deepEqual(s.VipCreate!.properties.subnet!.enum, ['local', 'ext-1']);
  t.deepEqual(s.VipCreate!.properties.connection_limit!.not, { const: 0 });
  t.is(s.PoolCreate!.properties.health_monitor_ids!.uniqueItems, true);
  const not = (s.MemberCreate!.properties.address!.not as { pattern: string }).pattern;
  for (const bad of ['0.0.0.0', '0.1.2.3', '224.0.0.1', '255.255.255.255']) t.regex(bad, new RegExp(not), bad);
  for (const good of ['10.0.0.1', '127.0.0.1', '223.255.255.1']) t.notRegex(good, new RegExp(not), good);
  const codes = new RegExp(s.HealthMonitorCreate!.properties.expected_codes!.pattern as string);
  for (const good of ['200', '200-204', '200,202', '200-204,301']) t.regex(good, codes, good);
  for (const bad of ['', '2xx', '200,', '99', '600', '200--204']) t.notRegex(bad, codes, bad);
});
