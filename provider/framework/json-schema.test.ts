import test from 'ava';
import { z } from 'zod';
import { t } from '../protocol/cty/types.js';
import { ctyTypeFromJsonSchema, type JsonSchema } from './json-schema.js';

const cty = (s: z.ZodType) => ctyTypeFromJsonSchema(z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as JsonSchema);

test('zod attribute schemas map to cty types', (t0) => {
  t0.deepEqual(cty(z.string().uuid()), t.string);
  t0.deepEqual(cty(z.enum(['TCP', 'HTTP'])), t.string);
  t0.deepEqual(cty(z.number().int().min(1).max(65535)), t.number);
  t0.deepEqual(cty(z.boolean()), t.bool);
  t0.deepEqual(cty(z.string().nullable()), t.string);
  t0.deepEqual(cty(z.array(z.string())), t.list(t.string));
  t0.deepEqual(cty(z.record(z.string(), z.number())), t.map(t.number));
  t0.deepEqual(cty(z.object({ type: z.enum(['A']), cookie_name: z.string().optional() }).nullable()), t.object({ type: t.string, cookie_name: t.string }));
  t0.deepEqual(cty(z.array(z.object({ at: z.string(), kind: z.string() }))), t.list(t.object({ at: t.string, kind: t.string })));
  t0.deepEqual(ctyTypeFromJsonSchema({ type: 'array', uniqueItems: true, items: { type: 'string' } }), t.set(t.string));
});

test('unions Terraform cannot express are refused with the path', (t0) => {
  t0.throws(() => cty(z.union([z.string(), z.number()])), { message: /expected one JSON type/ });
  t0.throws(() => ctyTypeFromJsonSchema({ anyOf: [{ type: 'string' }, { type: 'object', properties: {} }] }), { message: /union of 2 types/ });
  t0.throws(() => ctyTypeFromJsonSchema({ type: 'object', properties: { a: {} } }), { message: /\$\.a: expected one JSON type/ });
});
