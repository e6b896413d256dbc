/** zod → JSON Schema → cty, once per attribute at start-up. */
import { z } from 'zod';
import { type CtyType, ctyTypeFromJsonSchema, type JsonSchema, t } from '../../framework/index.js';

export function jsonSchemaOf(s: z.ZodType): JsonSchema {
  return z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' }) as JsonSchema;
}

/** The object alternative of a (nullable) object schema, or undefined when it is not an object. */
export function objectSchema(js: JsonSchema): (JsonSchema & { properties: Record<string, JsonSchema> }) | undefined {
  const alts = (js.anyOf ?? js.oneOf ?? [js]).filter((a) => a.type !== 'null');
  const o = alts.length === 1 ? alts[0]! : undefined;
  return o && o.type === 'object' && o.properties ? (o as JsonSchema & { properties: Record<string, JsonSchema> }) : undefined;
}

/** cty type of an attribute; `asSet` turns a list into a set (an unordered collection of ids). */
export function ctyTypeOf(js: JsonSchema, where: string, asSet = false): CtyType {
  const type = ctyTypeFromJsonSchema(js, where);
  if (asSet) {
    if (type.kind !== 'list') throw new TypeError(`${where}: only a list can be presented as a set, got ${type.kind}`);
    return t.set(type.element);
  }
  return type;
}
