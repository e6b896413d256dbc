import test from 'ava';
import { Unknown, type ValueObject } from '../../protocol/cty/value.js';
import { unitProvider, unitResource, unitState } from '../testdata/unit.js';
import type { Resource } from '../resource.js';
import { applyResourceChange } from './apply.js';
import { importResourceState } from './import.js';
import { readResource } from './read.js';
import { FrameworkServer } from './server.js';
import { upgradeResourceState } from './upgrade.js';
import { validateResourceConfig } from './validate.js';
import { oneOf } from '../validators.js';
import { t as types } from '../../protocol/cty/types.js';

const server = (r?: Resource<unknown>) => new FrameworkServer(unitProvider(r));
const planned = (o: ValueObject = {}) => unitState({ id: Unknown, address: Unknown, status: Unknown, revision: Unknown, ...o });
const apply = (r: Resource<unknown> | undefined, prior: ValueObject | null, plan: ValueObject | null) =>
  applyResourceChange(server(r), { typeName: 'unit_thing', prior, planned: plan, config: plan, plannedPrivate: undefined });

test('create fills the unknowns', async (t) => {
  const r = await apply(undefined, null, planned());
  t.deepEqual(r.diagnostics.items, []);
  t.deepEqual(r.newState, unitState());
});

test('a result with unknowns is an error naming the attribute, and the unknowns become null', async (t) => {
  const r = await apply(unitResource({ async create(req, resp) { resp.state = { ...req.plan, id: 'x' }; } }), null, planned());
  t.deepEqual(r.diagnostics.items.map((d) => d.path), [['address'], ['status'], ['revision']]);
  t.like(r.newState, { id: 'x', address: null });
});

test('a known planned value returned differently is an error', async (t) => {
  const r = await apply(unitResource({ async create(req, resp) { resp.state = { ...unitState(), name: 'other' }; } }), null, planned());
  t.like(r.diagnostics.items[0], { summary: 'Provider produced an inconsistent result', path: ['name'] });
});

test('create that sets no state and no error is reported', async (t) => {
  const r = await apply(unitResource({ async create() {} }), null, planned());
  t.like(r.diagnostics.items[0], { summary: 'Missing resource state after create' });
  t.is(r.newState, null);
});

test('attributes the schema lacks are dropped and reported', async (t) => {
  const r = await apply(unitResource({ async create(req, resp) { resp.state = { ...unitState(), extra: 1 }; } }), null, planned());
  t.deepEqual(r.diagnostics.items, []);
  t.deepEqual(r.dropped, ['extra']);
  t.false('extra' in r.newState!);
});

test('update starts from the plan; delete returns null, or the prior state on error', async (t) => {
  const u = await apply(undefined, unitState(), unitState({ name: 'n2', revision: Unknown }));
  t.like(u.newState, { name: 'n2', revision: 2 });
  const d = await apply(undefined, unitState(), null);
  t.is(d.newState, null);
  const failing = unitResource({ async delete(_req, resp) { resp.diagnostics.error('nope'); } });
  const f = await apply(failing, unitState(), null);
  t.deepEqual(f.newState, unitState());
  const thrown = await apply(unitResource({ async delete() { throw new Error('api down'); } }), unitState(), null);
  t.like(thrown.diagnostics.items[0], { summary: 'Error deleting the resource', detail: 'api down' });
});

test('read: null means gone; values are conformed', async (t) => {
  const gone = await readResource(server(unitResource({ async read(_req, resp) { resp.state = null; } })), { typeName: 'unit_thing', state: unitState(), private: undefined });
  t.is(gone.newState, null);
  const partial = await readResource(server(unitResource({ async read(_req, resp) { resp.state = { id: 'x1', name: 'n', zone: 'z1' }; } })), { typeName: 'unit_thing', state: unitState(), private: undefined });
  t.like(partial.newState, { id: 'x1', size: null, settings: null });
});

test('import: only the id, or the resource hook', async (t) => {
  const r = await importResourceState(server(), { typeName: 'unit_thing', id: 'abc' });
  t.deepEqual(r.imported[0]?.state, { ...Object.fromEntries(Object.keys(unitState()).map((k) => [k, null])), id: 'abc' });
});

test('upgrade: stored JSON read with the current schema', async (t) => {
  const json = Buffer.from(JSON.stringify({ ...unitState(), removed_attr: 1, size: 12345678901234567890 }));
  const r = await upgradeResourceState(server(), { typeName: 'unit_thing', version: 0, json, flatmap: false });
  t.deepEqual(r.diagnostics.items, []);
  t.like(r.state, { id: 'x1', size: 12345678901234567000n }, 'integers keep their digits');
  t.false('removed_attr' in r.state!);
});

test('validators run on known values and report the path', async (t) => {
  const base = unitResource();
  const withValidator: Resource<unknown> = {
    ...base,
    schema: {
      ...base.schema,
      blocks: { settings: { attributes: { mode: { type: types.string, optional: true, validators: [oneOf('a', 'b')] }, port: { type: types.number, optional: true, computed: true } } } },
    },
  };
  const cfg = unitState({ settings: { mode: 'z', port: null } });
  const d = await validateResourceConfig(server(withValidator), 'unit_thing', cfg);
  t.like(d.items[0], { summary: 'Invalid attribute value', path: ['settings', 'mode'] });
  const unknown = await validateResourceConfig(server(withValidator), 'unit_thing', unitState({ settings: { mode: Unknown, port: null } }));
  t.deepEqual(unknown.items, []);
});
