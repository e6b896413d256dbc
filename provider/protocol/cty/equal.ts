/**
 * Value equality under a type, as Terraform judges it: numbers by value
 * (1 = 1n = "1.0"), sets without order, unknown equal only to unknown.
 */
import { type CtyType, typeEquals } from './types.js';
import { canonicalDecimal, Decimal, Dynamic, inferType, isObject, numberText, Unknown, type Value } from './value.js';

export function valuesEqual(type: CtyType, a: Value, b: Value): boolean {
  if (a === Unknown || b === Unknown) return a === b;
  if (a === null || b === null) return a === b;
  switch (type.kind) {
    case 'string':
    case 'bool':
      return a === b;
    case 'number':
      return isNum(a) && isNum(b) && canonicalDecimal(numberText(a)) === canonicalDecimal(numberText(b));
    case 'list':
    case 'tuple':
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      return a.every((x, i) => valuesEqual(type.kind === 'tuple' ? type.elements[i]! : type.element, x, b[i]!));
    case 'set':
      if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
      return a.every((x) => b.some((y) => valuesEqual(type.element, x, y))) && b.every((y) => a.some((x) => valuesEqual(type.element, x, y)));
    case 'map': {
      if (!isObject(a) || !isObject(b)) return false;
      const ka = Object.keys(a);
      if (ka.length !== Object.keys(b).length) return false;
      return ka.every((k) => Object.hasOwn(b, k) && valuesEqual(type.element, a[k]!, b[k]!));
    }
    case 'object': {
      if (!isObject(a) || !isObject(b)) return false;
      const get = (o: Record<string, Value>, k: string) => (Object.hasOwn(o, k) ? o[k]! : null);
      return Object.entries(type.attributes).every(([k, at]) => valuesEqual(at, get(a, k), get(b, k)));
    }
    case 'dynamic': {
      const da = a instanceof Dynamic ? a : new Dynamic(inferType(a), a);
      const db = b instanceof Dynamic ? b : new Dynamic(inferType(b), b);
      return typeEquals(da.type, db.type) && valuesEqual(da.type, da.value, db.value);
    }
  }
}

function isNum(v: Value): v is number | bigint | Decimal {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal;
}
