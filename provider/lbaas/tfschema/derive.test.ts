import test from 'ava';
import { KINDS, RESOURCES } from '../../../schema/resources.js';
import { checkSchema, t as types } from '../../framework/index.js';
import { KIND_CONTEXTS } from '../resources/kinds.js';
import { provider } from '../provider.js';

test('every schema/ attribute appears exactly once, as an attribute or a block', (t) => {
  for (const kind of KINDS) {
    const { schema } = KIND_CONTEXTS[kind];
    const names = [...Object.keys(schema.attributes), ...Object.keys(schema.blocks ?? {})].sort();
    t.deepEqual(names, Object.keys(RESOURCES[kind].attrs).sort(), kind);
  }
});

test('modes map to required / optional / computed, defaults to optional+computed', (t) => {
  for (const kind of KINDS) {
    const { schema, contextual } = KIND_CONTEXTS[kind];
    for (const [name, a] of Object.entries(RESOURCES[kind].attrs)) {
      const tf = schema.attributes[name];
      if (!tf) continue; // a block
      const where = `${kind}.${name}`;
      if (a.mode === 'required') t.true(tf.required, where);
      if (a.mode === 'computed') t.like(tf, { computed: true, optional: undefined }, where);
      if (a.mode === 'optional_computed') t.like(tf, { optional: true, computed: true }, where);
      if (a.mode === 'optional') t.is(!!tf.computed, a.default !== undefined || contextual.includes(name), where);
      if (a.default !== undefined) t.deepEqual(tf.default, a.default, where);
      t.is(tf.description, a.description, where);
      const replaces = (tf.planModifiers ?? []).some((m) => /destroy and recreate/.test(m.description));
      t.is(replaces, a.forceNew, `${where}: requiresReplace exactly when forceNew`);
    }
  }
});

test('types come from the zod schemas; ids of monitors are a set; persistence is a block', (t) => {
  const pool = KIND_CONTEXTS.pool.schema;
  t.deepEqual(pool.attributes.health_monitor_ids!.type, types.set(types.string));
  t.deepEqual(pool.attributes.member_ids!.type, types.list(types.string));
  t.deepEqual(pool.attributes.revision!.type, types.number);
  t.deepEqual(pool.attributes.drift_events!.type, types.list(types.object({ at: types.string, kind: types.string, detail: types.string, repaired: types.bool })));
  const vip = KIND_CONTEXTS.vip.schema;
  t.false('session_persistence' in vip.attributes);
  t.like(vip.blocks!.session_persistence!.attributes, { type: { required: true }, cookie_name: { optional: true } });
  t.deepEqual([...KIND_CONTEXTS.health_monitor.contextual].sort(), ['expected_codes', 'http_method', 'url_path']);
  t.deepEqual(KIND_CONTEXTS.vip.nullable, ['session_persistence']);
});

test('volatile computed values are unknown on update, stable ones keep their state', (t) => {
  const attrs = KIND_CONTEXTS.vip.schema.attributes;
  const mods = (n: string) => (attrs[n]!.planModifiers ?? []).map((m) => m.description).join('|');
  t.regex(mods('id'), /will not change/);
  t.regex(mods('created_at'), /will not change/);
  t.regex(mods('address'), /will not change/);
  t.regex(mods('revision'), /recalculated/);
  t.regex(mods('drift_events'), /recalculated/);
  t.is(mods('in_sync'), '', 'planned by modifyPlan');
  t.is(mods('port_id'), '', 'planned by modifyPlan');
});

test('the whole provider schema is one Terraform accepts', (t) => {
  t.deepEqual(checkSchema(provider.schema), []);
  for (const [name, r] of Object.entries(provider.resources)) t.deepEqual(checkSchema(r.schema), [], name);
  for (const [name, d] of Object.entries(provider.dataSources)) t.deepEqual(checkSchema(d.schema), [], name);
});
