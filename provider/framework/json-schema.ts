/**
 * cty types from JSON Schema, as zod's `z.toJSONSchema` writes it for an
 * attribute: the bridge from schema/ (zod) to Terraform attribute types.
 * Nullability (`anyOf [T, null]`, `type: [T, "null"]`) is dropped: every
 * Terraform value may be null.
 */
import { type CtyType, t } from '../protocol/cty/types.js';

export interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  uniqueItems?: boolean;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  [k: string]: unknown;
}

export function ctyTypeFromJsonSchema(s: JsonSchema, where = '$'): CtyType {
  const alternatives = (s.anyOf ?? s.oneOf)?.filter((a) => a.type !== 'null');
  if (alternatives) {
    if (alternatives.length === 1) return ctyTypeFromJsonSchema(alternatives[0]!, where);
    throw new TypeError(`${where}: a union of ${alternatives.length} types has no Terraform type`);
  }
  const types = (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []).filter((x) => x !== 'null');
  if (types.length === 0 && (s.enum || s.const !== undefined)) {
    const values = s.enum ?? [s.const];
    types.push(...new Set(values.filter((v) => v !== null).map((v) => (typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'boolean' : 'number'))));
  }
  if (types.length !== 1) throw new TypeError(`${where}: expected one JSON type, got ${JSON.stringify(s.type ?? null)}`);
  switch (types[0]) {
    case 'string':
      return t.string;
    case 'integer':
    case 'number':
      return t.number;
    case 'boolean':
      return t.bool;
    case 'array': {
      if (!s.items) throw new TypeError(`${where}: array without items`);
      const element = ctyTypeFromJsonSchema(s.items, `${where}[]`);
      return s.uniqueItems ? t.set(element) : t.list(element);
    }
    case 'object': {
      if (s.properties) {
        const attrs: Record<string, CtyType> = {};
        for (const [k, v] of Object.entries(s.properties)) attrs[k] = ctyTypeFromJsonSchema(v, `${where}.${k}`);
        return t.object(attrs);
      }
      if (s.additionalProperties && typeof s.additionalProperties === 'object') return t.map(ctyTypeFromJsonSchema(s.additionalProperties, `${where}{}`));
      throw new TypeError(`${where}: object without properties`);
    }
  }
  throw new TypeError(`${where}: unsupported JSON type ${types[0]}`);
}
