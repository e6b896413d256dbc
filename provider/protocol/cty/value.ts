/**
 * Values as the provider code sees them: plain JS data plus three markers.
 * - `Unknown`: a value Terraform does not know yet (msgpack ext 0, or a
 *   refined unknown ext 12 whose refinements we drop).
 * - `Decimal`: a number that is neither an exact int64 nor an exact float64
 *   (msgpack sends those as decimal strings); kept as text, never rounded.
 * - `Dynamic`: a value of a `dynamic` attribute, with the concrete type it has.
 * Integers beyond 2^53 are bigint; every other number is a JS number.
 * Lists, sets and tuples are arrays; maps and objects are plain objects.
 */
import { type CtyType, t } from './types.js';

export const Unknown: unique symbol = Symbol('cty.Unknown');
export type Unknown = typeof Unknown;

export class Decimal {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export class Dynamic {
  constructor(
    readonly type: CtyType,
    readonly value: Value,
  ) {}
}

export type Value = null | Unknown | string | boolean | number | bigint | Decimal | Dynamic | Value[] | ValueObject;
export interface ValueObject {
  [key: string]: Value;
}

export const isUnknown = (v: unknown): v is Unknown => v === Unknown;

export function isObject(v: Value | undefined): v is ValueObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Decimal) && !(v instanceof Dynamic);
}

/** True when neither the value nor anything inside it is unknown. */
export function isWhollyKnown(v: Value): boolean {
  if (v === Unknown) return false;
  if (Array.isArray(v)) return v.every(isWhollyKnown);
  if (v instanceof Dynamic) return isWhollyKnown(v.value);
  if (isObject(v)) return Object.values(v).every(isWhollyKnown);
  return true;
}

/** Deep copy; markers are immutable and shared. */
export function cloneValue<V extends Value>(v: V): V {
  if (Array.isArray(v)) return v.map(cloneValue) as V;
  if (isObject(v)) {
    const out: ValueObject = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x);
    return out as V;
  }
  return v;
}

/** bigint that fits a double exactly → number; everything else unchanged. */
export function normalizeNumber(n: number | bigint | Decimal): number | bigint | Decimal {
  if (typeof n === 'bigint') return n >= -(2n ** 53n) && n <= 2n ** 53n ? Number(n) : n;
  return n;
}

/**
 * Parses decimal text (a msgpack number string, a JSON number) into the
 * narrowest exact form: number when a double holds it exactly, bigint for a
 * larger integer, else Decimal — never rounded, so a value Terraform sent
 * comes back bit-for-bit equal.
 */
export function numberFromText(text: string): number | bigint | Decimal {
  const s = text.trim();
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    if (/^[-+]?inf(inity)?$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
    throw new TypeError(`invalid number ${JSON.stringify(text)}`);
  }
  const exp = Number(m[4] ?? 0) - (m[3] ?? '').length;
  const mant = BigInt((m[2] ?? '') + (m[3] ?? '') || '0') * (m[1] === '-' ? -1n : 1n);
  if (exp >= 0) {
    if (exp > 400) return new Decimal(s);
    return normalizeNumber(mant * 10n ** BigInt(exp));
  }
  // value = mant / 10^k = (mant / 5^k) / 2^k: exact in binary only if 5^k divides mant.
  if (-exp > 1100) return new Decimal(s); // beyond any double's exact expansion
  const k = BigInt(-exp);
  const five = 5n ** k;
  if (mant % five !== 0n) return new Decimal(s);
  let odd = mant / five;
  let twos = -exp;
  while (odd !== 0n && odd % 2n === 0n) {
    odd /= 2n;
    twos--;
  }
  const bits = (odd < 0n ? -odd : odd).toString(2).length;
  if (odd === 0n) return 0;
  if (bits <= 53 && twos <= 1074) return Number(s);
  return new Decimal(s);
}

/** Exact decimal text of a number (no exponent for integers). */
export function numberText(n: number | bigint | Decimal): string {
  if (n instanceof Decimal) return n.text;
  if (typeof n === 'bigint') return n.toString();
  if (Number.isInteger(n)) return BigInt(n).toString();
  return String(n);
}

/**
 * Canonical decimal text, for comparing numbers written differently
 * ("1.50", "1.5e0", 1.5): sign, digits without leading/trailing zeros, exponent.
 */
export function canonicalDecimal(text: string): string {
  const m = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(text.trim());
  if (!m) return text.trim().toLowerCase();
  const sign = m[1] === '-' ? '-' : '';
  let digits = (m[2] ?? '') + (m[3] ?? '');
  let exp = Number(m[4] ?? 0) - (m[3] ?? '').length;
  const lead = digits.search(/[^0]/);
  if (lead < 0) return '0';
  digits = digits.slice(lead);
  const trail = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trail);
  exp += trail;
  return `${sign}${digits}e${exp}`;
}

/** Type of a plain value given where a dynamic one is expected. */
export function inferType(v: Value): CtyType {
  if (v instanceof Dynamic) return v.type;
  if (typeof v === 'string') return t.string;
  if (typeof v === 'boolean') return t.bool;
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof Decimal) return t.number;
  if (Array.isArray(v)) return t.tuple(v.map(inferType));
  if (isObject(v)) {
    const attrs: Record<string, CtyType> = {};
    for (const [k, x] of Object.entries(v)) attrs[k] = inferType(x);
    return t.object(attrs);
  }
  return t.dynamic;
}

/** Sets an own property even for keys like "__proto__" (map keys are user data). */
export function setKey(obj: ValueObject, key: string, v: Value): void {
  Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
}

/** An object's own attribute, null when absent (never an inherited property like "constructor"). */
export function getAttr(obj: ValueObject | null | undefined, key: string): Value {
  return obj && Object.hasOwn(obj, key) ? (obj[key] ?? null) : null;
}
