/**
 * Checks and repairs on values a resource returns: every attribute present,
 * no unknowns left, every value known in the plan unchanged.
 */
import { valuesEqual } from '../../protocol/cty/equal.js';
import type { CtyType, ObjectType } from '../../protocol/cty/types.js';
import { getAttr, isObject, isWhollyKnown, setKey, Unknown, type Value, type ValueObject } from '../../protocol/cty/value.js';
import type { Diagnostics } from '../diagnostics.js';
import { type AttrPath, formatPath } from '../path.js';

/** Fills missing attributes with null and drops the ones the type lacks (returned in `dropped`). */
export function conform(type: CtyType, v: Value | undefined, path: AttrPath = [], dropped: string[] = []): Value {
  if (v === undefined || v === null) return null;
  if (v === Unknown) return v;
  switch (type.kind) {
    case 'object': {
      if (!isObject(v)) return v;
      for (const k of Object.keys(v)) if (!(k in type.attributes)) dropped.push(formatPath([...path, k]));
      const out: ValueObject = {};
      for (const [k, at] of Object.entries(type.attributes)) out[k] = conform(at, Object.hasOwn(v, k) ? v[k] : null, [...path, k], dropped);
      return out;
    }
    case 'list':
    case 'set':
      return Array.isArray(v) ? v.map((x, i) => conform(type.element, x, [...path, i], dropped)) : v;
    case 'map': {
      if (!isObject(v)) return v;
      const out: ValueObject = {};
      for (const [k, x] of Object.entries(v)) setKey(out, k, conform(type.element, x, [...path, { key: k }], dropped));
      return out;
    }
    default:
      return v;
  }
}

export function conformObject(type: ObjectType, v: ValueObject, dropped: string[] = []): ValueObject {
  return conform(type, v, [], dropped) as ValueObject;
}

/** Paths of unknown values, replaced by null in place (a result must not contain unknowns). */
export function stripUnknowns(v: Value, path: AttrPath = [], found: AttrPath[] = []): AttrPath[] {
  if (Array.isArray(v)) {
    v.forEach((x, i) => (x === Unknown ? (found.push([...path, i]), (v[i] = null)) : stripUnknowns(x, [...path, i], found)));
  } else if (isObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === Unknown) {
        found.push([...path, k]);
        v[k] = null;
      } else stripUnknowns(x, [...path, k], found);
    }
  }
  return found;
}

/** Paths where a value known in the plan differs from the applied one. */
export function plannedMismatches(type: CtyType, planned: Value, actual: Value, path: AttrPath = [], out: AttrPath[] = []): AttrPath[] {
  if (planned === Unknown) return out;
  if (isWhollyKnown(planned)) {
    if (!valuesEqual(type, planned, actual)) out.push(path);
    return out;
  }
  // Partly known: compare what is known, element by element.
  if (type.kind === 'object' && isObject(planned) && isObject(actual)) {
    for (const [k, at] of Object.entries(type.attributes)) plannedMismatches(at, getAttr(planned, k), getAttr(actual, k), [...path, k], out);
  } else if ((type.kind === 'list' || type.kind === 'tuple') && Array.isArray(planned) && Array.isArray(actual) && planned.length === actual.length) {
    planned.forEach((x, i) => plannedMismatches(type.kind === 'tuple' ? type.elements[i]! : type.element, x, actual[i]!, [...path, i], out));
  } else if (type.kind === 'map' && isObject(planned) && isObject(actual)) {
    const keys = new Set([...Object.keys(planned), ...Object.keys(actual)]);
    for (const k of keys) plannedMismatches(type.element, Object.hasOwn(planned, k) ? planned[k]! : null, Object.hasOwn(actual, k) ? actual[k]! : null, [...path, { key: k }], out);
  } else if (type.kind === 'set' && Array.isArray(planned) && Array.isArray(actual)) {
    // Unknown set elements may become anything; only the count can be checked loosely.
  } else if (planned === null || actual === null || typeof planned !== typeof actual) {
    out.push(path);
  }
  return out;
}

/** Reports unknowns and mismatches of an apply/read result as error diagnostics. */
export function reportResult(diags: Diagnostics, what: string, unknowns: AttrPath[], mismatches: AttrPath[] = []): void {
  for (const p of unknowns) {
    diags.error('Provider returned an unknown value', `${what} left ${formatPath(p)} unknown; every value must be known after apply. This is a bug in the provider.`, p);
  }
  for (const p of mismatches) {
    diags.error(
      'Provider produced an inconsistent result',
      `${what} returned a value for ${formatPath(p) || 'the object'} different from the planned one; a value known at plan time must be returned unchanged. This is a bug in the provider.`,
      p,
    );
  }
}
