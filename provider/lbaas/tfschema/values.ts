/**
 * Between the agent's JSON objects and Terraform values: an object read from
 * the agent becomes a state (every attribute present, shaped by the schema);
 * a plan or configuration becomes a request body (known, non-null values only).
 */
import {
  type Block,
  type CtyType,
  Decimal,
  Dynamic,
  impliedType,
  isUnknown,
  type Value,
  type ValueObject,
} from '../../framework/index.js';

/** JSON (as the agent sends it) → a value of `type`; unknown keys dropped, missing ones null. */
export function fromJson(type: CtyType, v: unknown): Value {
  if (v === undefined || v === null) return null;
  switch (type.kind) {
    case 'object': {
      if (typeof v !== 'object' || Array.isArray(v)) return null;
      const out: ValueObject = {};
      for (const [k, at] of Object.entries(type.attributes)) out[k] = fromJson(at, (v as Record<string, unknown>)[k]);
      return out;
    }
    case 'list':
    case 'set':
      return Array.isArray(v) ? v.map((x) => fromJson(type.element, x)) : null;
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return null;
      const out: ValueObject = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = fromJson(type.element, x);
      return out;
    }
    default:
      return v as Value;
  }
}

/** An agent object as a Terraform state of `block`'s shape. */
export function stateFromObject(block: Block, obj: Record<string, unknown>): ValueObject {
  return fromJson(impliedType(block), obj) as ValueObject;
}

/**
 * A Terraform value as JSON for the agent: numbers as JS numbers, objects
 * without their null attributes (the agent's nested objects are strict and
 * "absent" is how they say "not given"). Returns undefined when anything in
 * it is unknown (`unknownPaths` collects where).
 */
export function toJson(v: Value, path: (string | number)[] = [], unknownPaths: (string | number)[][] = []): unknown {
  if (isUnknown(v)) {
    unknownPaths.push(path);
    return undefined;
  }
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Decimal) return Number(v.text);
  if (v instanceof Dynamic) return toJson(v.value, path, unknownPaths);
  if (Array.isArray(v)) {
    const before = unknownPaths.length;
    const out = v.map((x, i) => toJson(x, [...path, i], unknownPaths));
    return unknownPaths.length > before ? undefined : out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const j = toJson(x, [...path, k], unknownPaths);
    if (j !== null && j !== undefined) out[k] = j;
  }
  return out;
}

/** The named attributes of a plan or config as a request body: known, non-null values only (unless `keepNull` says the agent reads null as "clear"). */
export function bodyOf(values: ValueObject, keys: readonly string[], keepNull: (k: string) => boolean = () => false): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of keys) {
    const v = values[k] ?? null;
    if (v === null) {
      if (keepNull(k)) body[k] = null;
      continue;
    }
    const unknown: (string | number)[][] = [];
    const j = toJson(v, [k], unknown);
    if (!unknown.length && j !== undefined) body[k] = j;
  }
  return body;
}
