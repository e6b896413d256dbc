/**
 * Value helpers of the provider side: the engine's "unknown" sentinel,
 * comparison of attribute values, property paths, and the projections of an
 * agent object into Pulumi outputs and inputs.
 */
import { writableKeys, type Attrs } from '../../schema/attr.js';
import { withDefaults, type ResourceDef } from '../../schema/resources.js';

/**
 * What a dynamic provider receives for a value not known yet (during a
 * preview, an output of a resource still to be created). The dynamic provider
 * host passes it through as this plain string (the Node SDK's
 * `runtime.unknownValue`); it cannot be imported here without loading the SDK.
 */
export const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';

/** Whether the value is, or contains, an unknown. */
export function containsUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

/**
 * Canonical form for comparison: object keys sorted, undefined = null, and
 * arrays compared as sets (the only writable arrays of the schema are sets of
 * ids, e.g. a pool's health_monitor_ids).
 */
function canonical(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.map(canonical).map((x) => JSON.stringify(x)).sort();
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== null) out[k] = c;
    }
    return out;
  }
  return v;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A zod/rule issue path as Pulumi shows property paths: `session_persistence.cookie_name`, `health_monitor_ids[1]`. */
export function propertyPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** The agent object as resource outputs: every field but `id`, which Pulumi keeps as the resource id. */
export function outputsOf(obj: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, ...rest } = obj;
  return rest;
}

/** The writable fields of an agent object, as `check` would have produced them (defaults applied, null for unset). */
export function inputsOf(def: ResourceDef, obj: Record<string, unknown>): Record<string, unknown> {
  const spec: Record<string, unknown> = {};
  for (const k of writableKeys(def.attrs as Attrs)) if (obj[k] !== null && obj[k] !== undefined) spec[k] = obj[k];
  return withDefaults(def, spec);
}

/** A spec without null/undefined fields: the agent's create body (null means "not given" there). */
export function withoutNulls(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}
