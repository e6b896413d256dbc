/**
 * /openapi.json is an OpenAPI 3.1 document with every route, a schema per
 * object (answer, create body, update body) with the designed required fields,
 * and it tells the truth: live answers of the agent validate against it, and
 * bodies it calls invalid are ones the agent refuses.
 */
import anyTest, { type TestFn } from 'ava';
import { startAgent, type AgentHandle } from '../harness/agent.js';
import { startBackends, type Backend } from '../harness/backends.js';
import { createLb, type Lb } from '../harness/fixtures.js';
import { check } from './support/json-schema.js';
import { raw } from './support/raw.js';
import { requires } from '../harness/requires.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };
interface Doc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { operationId?: string; parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> }>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; scheme: string }> };
  security: unknown[];
}
interface Ctx {
  agent: AgentHandle;
  backends: Backend[];
  lb: Lb;
  doc: Doc;
}
const test = requires(anyTest as TestFn<Ctx>, 'haproxy');

const KINDS = [
  { title: 'Pool', coll: 'pools', required: ['name', 'protocol', 'lb_method', 'subnet'], forceNew: ['protocol', 'subnet'], computed: ['vip_id', 'member_ids'] },
  { title: 'Member', coll: 'members', required: ['pool_id', 'address', 'protocol_port'], forceNew: ['pool_id', 'address', 'protocol_port'], computed: ['status'] },
  { title: 'Vip', coll: 'vips', required: ['name', 'pool_id', 'subnet', 'protocol_port', 'protocol'], forceNew: ['subnet', 'address', 'protocol_port', 'protocol'], computed: ['port_id'] },
  { title: 'HealthMonitor', coll: 'health_monitors', required: ['type', 'delay', 'timeout', 'max_retries'], forceNew: ['type'], computed: ['pool_ids'] },
];
const COMPUTED = ['id', 'provisioning_status', 'operating_status', 'status_message', 'revision', 'in_sync', 'drift_events', 'created_at', 'updated_at'];

test.before(async (t) => {
  t.context.agent = await startAgent();
  t.context.backends = await startBackends(2);
  t.context.lb = await createLb(t.context.agent.client, t.context.backends, {
    monitor: { type: 'HTTP', delay: 2, timeout: 1, max_retries: 2 },
    vip: { session_persistence: { type: 'APP_COOKIE', cookie_name: 'SID' } },
  });
  const r = await raw(t.context.agent, { method: 'GET', path: '/openapi.json' });
  if (r.status !== 200) throw new Error(`/openapi.json: ${r.status}`);
  t.context.doc = r.json as Doc;
});

test.after.always(async (t) => {
  await t.context.agent?.cleanup();
  await Promise.all((t.context.backends ?? []).map((b) => b.close()));
});

test('it is OpenAPI 3.1 with the agent version and bearer security', async (t) => {
  const { doc, agent } = t.context;
  t.is(doc.openapi, '3.1.0');
  t.is(doc.info.title, 'lbaas-agent');
  const info = (await raw(agent, { method: 'GET', path: '/v1/agent' })).json as { version: string };
  t.is(doc.info.version, info.version);
  t.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
  t.deepEqual(doc.security, [{ bearer: [] }]);
});

test('every route is documented, each operation once with an id', (t) => {
  const { paths } = t.context.doc;
  const want: Record<string, string[]> = {
    '/healthz': ['get'],
    '/metrics': ['get'],
    '/openapi.json': ['get'],
    '/v1/agent': ['get'],
    '/v1/pools/{id}/stats': ['get'],
  };
  for (const k of KINDS) {
    want[`/v1/${k.coll}`] = ['get', 'post'];
    want[`/v1/${k.coll}/{id}`] = ['get', 'put', 'delete'];
  }
  t.deepEqual(Object.keys(paths).sort(), Object.keys(want).sort());
  const ids: string[] = [];
  for (const [p, methods] of Object.entries(want)) {
    for (const m of methods) {
      const op = paths[p]![m];
      t.truthy(op, `${m} ${p}`);
      t.truthy(op?.operationId, `${m} ${p} operationId`);
      ids.push(op!.operationId!);
      t.truthy(op?.responses && Object.keys(op.responses).some((s) => s.startsWith('2')), `${m} ${p} success response`);
    }
  }
  t.is(new Set(ids).size, ids.length, 'operationIds are unique');
});

test('writes document wait, Idempotency-Key, If-Match and cascade, and answer problems with the Problem schema', (t) => {
  const { paths } = t.context.doc;
  for (const k of KINDS) {
    const params = (m: string, p: string) => paths[p]![m]!.parameters ?? [];
    const names = (m: string, p: string) => params(m, p).filter((x) => x.in !== 'path').map((x) => x.name);
    t.deepEqual(names('post', `/v1/${k.coll}`).sort(), ['Idempotency-Key', 'wait']);
    t.deepEqual(names('put', `/v1/${k.coll}/{id}`).sort(), ['If-Match', 'wait']);
    t.deepEqual(names('delete', `/v1/${k.coll}/{id}`).sort(), ['If-Match', 'cascade', 'wait']);
    for (const m of ['get', 'put', 'delete']) {
      t.deepEqual(params(m, `/v1/${k.coll}/{id}`).filter((x) => x.in === 'path').map((x) => x.name), ['id'], `${m} ${k.coll}/{id}`);
    }
    const writes = [
      ['post', `/v1/${k.coll}`, ['400', '401', '404', '409', '413', '415', '422']],
      ['put', `/v1/${k.coll}/{id}`, ['400', '401', '404', '409', '412', '413', '415', '422']],
      ['delete', `/v1/${k.coll}/{id}`, ['400', '401', '404', '409', '412']],
    ] as const;
    for (const [m, p, statuses] of writes) {
      t.deepEqual(Object.keys(paths[p]![m]!.responses!).filter((s) => s >= '400').sort(), [...statuses], `${m} ${p} error statuses`);
      for (const status of statuses) {
        const r = paths[p]![m]!.responses![status] as { content?: Record<string, { schema: { $ref: string } }> } | undefined;
        t.is(r?.content?.['application/problem+json']?.schema.$ref, '#/components/schemas/Problem', `${m} ${p} ${status}`);
      }
    }
  }
});

for (const k of KINDS) {
  test(`${k.title}: create, update and answer schemas have the designed fields`, (t) => {
    const s = t.context.doc.components.schemas;
    const create = s[`${k.title}Create`]!;
    const update = s[`${k.title}Update`]!;
    const out = s[k.title]!;
    t.deepEqual([...(create.required ?? [])].sort(), [...k.required].sort(), 'create.required');
    t.is(create.additionalProperties, false, 'create is strict');
    t.is(update.additionalProperties, false, 'update is strict');
    t.deepEqual(update.required ?? [], [], 'update requires nothing');
    const computed = [...COMPUTED, ...k.computed];
    for (const c of computed) {
      t.false(c in (create.properties ?? {}), `create has computed ${c}`);
      t.false(c in (update.properties ?? {}), `update has computed ${c}`);
      t.true(c in (out.properties ?? {}), `answer lacks ${c}`);
    }
    for (const f of k.forceNew) {
      t.true(f in (create.properties ?? {}), `create lacks ${f}`);
      t.false(f in (update.properties ?? {}), `update offers force-new ${f}`);
    }
    t.deepEqual(Object.keys(create.properties ?? {}).sort(), [...Object.keys(update.properties ?? {}), ...k.forceNew].sort());
    // An answer always carries every field.
    t.deepEqual([...(out.required ?? [])].sort(), Object.keys(out.properties ?? {}).sort());
    for (const [name, p] of Object.entries(create.properties ?? {})) t.truthy(p.description, `${k.title}Create.${name} has a description`);
  });
}

test('live answers validate against the published schemas', async (t) => {
  const { doc, agent } = t.context;
  for (const k of KINDS) {
    const list = (await raw(agent, { method: 'GET', path: `/v1/${k.coll}` })).json as { items: unknown[] };
    t.true(list.items.length > 0, k.coll);
    for (const o of list.items) t.deepEqual(check(doc.components.schemas[k.title]!, o, '$', doc as unknown as Schema), [], `${k.title} ${JSON.stringify(o)}`);
  }
  const info = (await raw(agent, { method: 'GET', path: '/v1/agent' })).json;
  t.deepEqual(check(doc.components.schemas.AgentInfo!, info), []);
  const problem = (await raw(agent, { method: 'POST', path: '/v1/members', body: { weight: 300 } })).json;
  t.deepEqual(check(doc.components.schemas.Problem!, problem), []);
});

/** [kind, body, valid per the document and the agent] */
const BODIES: [string, Record<string, unknown>, boolean][] = [
  ['HealthMonitor', { type: 'TCP', delay: 5, timeout: 2, max_retries: 3 }, true],
  ['HealthMonitor', { type: 'TCP', delay: 0, timeout: 2, max_retries: 3 }, false],
  ['HealthMonitor', { type: 'TCP', delay: 5, timeout: 2, max_retries: 11 }, false],
  ['HealthMonitor', { type: 'HTTP', delay: 5, timeout: 2, max_retries: 3, url_path: '/a b' }, false],
  ['Pool', { name: 'p', protocol: 'TCP', lb_method: 'SOURCE_IP', subnet: 'local' }, true],
  ['Pool', { name: 'p\n', protocol: 'TCP', lb_method: 'SOURCE_IP', subnet: 'local' }, false],
  ['Pool', { name: 'p', protocol: 'UDP', lb_method: 'SOURCE_IP', subnet: 'local' }, false],
  ['Pool', { name: 'p', protocol: 'TCP', lb_method: 'SOURCE_IP', subnet: 'local', extra: 1 }, false],
  ['Pool', { protocol: 'TCP', lb_method: 'SOURCE_IP', subnet: 'local' }, false],
];

test('bodies the document calls valid or invalid are the ones the agent takes or refuses', async (t) => {
  const { doc, agent } = t.context;
  for (const [title, body, valid] of BODIES) {
    const errs = check(doc.components.schemas[`${title}Create`]!, body);
    t.is(errs.length === 0, valid, `${title} ${JSON.stringify(body)}: ${errs.join('; ')}`);
    const coll = KINDS.find((k) => k.title === title)!.coll;
    const r = await raw(agent, { method: 'POST', path: `/v1/${coll}`, body });
    t.is(r.status, valid ? 201 : 400, `${title} ${JSON.stringify(body)}`);
    if (r.status === 201) await raw(agent, { method: 'DELETE', path: `/v1/${coll}/${(r.json as { id: string }).id}` });
  }
});
