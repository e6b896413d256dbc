import test from 'ava';
import { Unknown, type ValueObject } from '../../protocol/cty/value.js';
import { unitProvider, unitResource, unitState } from '../testdata/unit.js';
import type { Resource } from '../resource.js';
import { planResourceChange } from './plan.js';
import { FrameworkServer } from './server.js';

const config = (o: ValueObject = {}): ValueObject => ({
  id: null,
  name: 'n',
  zone: 'z1',
  size: null,
  note: null,
  address: null,
  status: null,
  revision: null,
  labels: null,
  nested: null,
  settings: null,
  ...o,
});

async function plan(prior: ValueObject | null, cfg: ValueObject, proposed?: ValueObject, resource?: Resource<unknown>) {
  const server = new FrameworkServer(unitProvider(resource));
  // Terraform's proposed new state: config, with prior values for computed attributes left null.
  const prop = proposed ?? (prior ? { ...cfg, id: prior.id!, size: cfg.size ?? prior.size!, address: cfg.address ?? prior.address!, status: prior.status!, revision: prior.revision! } : cfg);
  return planResourceChange(server, { typeName: 'unit_thing', prior, proposed: prop, config: cfg, priorPrivate: undefined });
}

test('create: computed values unknown, defaults applied, nothing replaced', async (t) => {
  const r = await plan(null, config({ settings: { mode: 'a', port: null }, nested: { a: 'x', b: null } }));
  t.deepEqual(r.diagnostics.items, []);
  t.like(r.planned, { id: Unknown, size: 1, address: Unknown, status: Unknown, revision: Unknown, note: null, settings: { mode: 'a', port: Unknown }, nested: { a: 'x', b: Unknown } });
  t.deepEqual(r.requiresReplace, []);
});

test('update without changes: the plan equals the prior state', async (t) => {
  const prior = unitState();
  const r = await plan(prior, config());
  t.deepEqual(r.planned, prior);
  t.deepEqual(r.requiresReplace, []);
});

test('update: computed-only values keep the prior value, unknownOnUpdate ones become unknown', async (t) => {
  const r = await plan(unitState(), config({ name: 'n2' }));
  t.like(r.planned, { name: 'n2', id: 'x1', address: '10.0.0.1', status: 'ACTIVE', revision: Unknown });
  t.deepEqual(r.requiresReplace, []);
});

test('update: removing an optional+computed value with a default plans the default', async (t) => {
  const r = await plan(unitState({ size: 5 }), config());
  t.like(r.planned, { size: 1, revision: Unknown });
});

test('requires replace where prior and planned differ, including unknown planned values', async (t) => {
  let r = await plan(unitState(), config({ zone: 'z2' }));
  t.deepEqual(r.requiresReplace, [['zone']]);
  r = await plan(unitState(), config({ zone: Unknown }));
  t.deepEqual(r.requiresReplace, [['zone']]);
  r = await plan(unitState({ labels: ['a', 'b'] }), config({ labels: ['b', 'a'] }));
  t.deepEqual(r.requiresReplace, [], 'sets compare without order');
});

test('a nested block added on update: its computed attributes are unknown', async (t) => {
  const r = await plan(unitState(), config({ settings: { mode: 'a', port: null } }));
  t.like(r.planned, { settings: { mode: 'a', port: Unknown }, revision: Unknown });
});

test('modifyPlan sees the framework plan; a change it introduces triggers unknownOnUpdate', async (t) => {
  const resource = unitResource({
    modifyPlan(req, resp) {
      if (req.state && req.state.status === 'DRIFTED') resp.plan.status = 'ACTIVE';
    },
  });
  const r = await plan(unitState({ status: 'DRIFTED' }), config(), undefined, resource);
  t.like(r.planned, { status: 'ACTIVE', revision: Unknown });
});

test('an invalid plan from modifyPlan is reported at the attribute', async (t) => {
  const resource = unitResource({
    modifyPlan(_req, resp) {
      resp.plan.note = 'not in config';
    },
  });
  const r = await plan(null, config(), undefined, resource);
  t.like(r.diagnostics.items[0], { severity: 'error', summary: 'Provider produced an invalid plan', path: ['note'] });
});

test('an exception in modifyPlan becomes a diagnostic', async (t) => {
  const resource = unitResource({
    modifyPlan() {
      throw new Error('boom', { cause: new Error('root cause') });
    },
  });
  const r = await plan(null, config(), undefined, resource);
  t.like(r.diagnostics.items[0], { severity: 'error', summary: 'Error planning the resource', detail: 'boom\ncaused by: root cause' });
});

test('unknown resource type is a diagnostic', async (t) => {
  const server = new FrameworkServer(unitProvider());
  const r = await planResourceChange(server, { typeName: 'unit_nope', prior: null, proposed: config(), config: config(), priorPrivate: undefined });
  t.like(r.diagnostics.items[0], { summary: 'Unknown resource type' });
});

test('an invalid schema fails at start naming the resource', (t) => {
  const bad = unitResource();
  const e = t.throws(() => new FrameworkServer(unitProvider({ ...bad, schema: { attributes: { x: { type: undefined, required: true, computed: true, default: 1 } } } })));
  t.regex(e!.message, /resource unit_thing: x: needs exactly one of type or attributes/);
  t.regex(e!.message, /resource unit_thing: x: required cannot be optional or computed/);
  t.regex(e!.message, /a default needs optional and computed/);
});
