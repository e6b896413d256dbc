/**
 * DynamicValue msgpack codec, type-directed like cty's own: objects carry
 * every attribute (null as nil, keys sorted), unknown is ext type 0
 * (`d4 00 00`), dynamic is `[bin(type JSON), value]`, numbers are the
 * narrowest exact form (int, float64, else decimal string).
 */
import { Decoder, Encoder, ExtData, ExtensionCodec } from '@msgpack/msgpack';
import { type CtyType, decodeType, encodeType, typeString } from './types.js';
import { Decimal, Dynamic, inferType, isObject, normalizeNumber, numberFromText, setKey, Unknown, type Value, type ValueObject } from './value.js';

const UNKNOWN_EXT = 0;
const REFINED_UNKNOWN_EXT = 12;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

const codec = new ExtensionCodec();
codec.register({
  type: UNKNOWN_EXT,
  encode: (v: unknown) => (v === Unknown ? new Uint8Array([0]) : null),
  decode: () => Unknown,
});
// Refined unknowns (prefix, bounds, nullness) are still unknown to us.
codec.register({ type: REFINED_UNKNOWN_EXT, encode: () => null, decode: () => Unknown });

const encoder = new Encoder({ extensionCodec: codec, useBigInt64: true, sortKeys: true });
const decoder = new Decoder({ extensionCodec: codec, useBigInt64: true });

export class CtyCodecError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(path.length ? `${message} at ${path.join('.')}` : message);
    this.name = 'CtyCodecError';
  }
}

export function encodeMsgpack(type: CtyType, value: Value): Uint8Array {
  return encoder.encode(toWire(type, value, []));
}

export function decodeMsgpack(type: CtyType, bytes: Uint8Array): Value {
  if (bytes.length === 0) return null;
  return fromWire(type, decoder.decode(bytes), []);
}

type Wire = null | symbol | string | boolean | number | bigint | Uint8Array | Wire[] | { [k: string]: Wire };

function toWire(type: CtyType, v: Value, path: (string | number)[]): Wire {
  if (v === null || v === undefined) return null;
  if (v === Unknown) return Unknown;
  const fail = (what: string) => new CtyCodecError(`cannot encode ${what} as ${typeString(type)}`, path);
  switch (type.kind) {
    case 'string':
      if (typeof v !== 'string') throw fail(typeof v);
      return v;
    case 'bool':
      if (typeof v !== 'boolean') throw fail(typeof v);
      return v;
    case 'number':
      if (v instanceof Decimal) return v.text;
      if (typeof v === 'bigint') return v >= INT64_MIN && v <= UINT64_MAX ? v : v.toString();
      if (typeof v !== 'number') throw fail(typeof v);
      return v;
    case 'list':
    case 'set':
    case 'tuple': {
      if (!Array.isArray(v)) throw fail('a non-array');
      return v.map((x, i) => {
        const et = type.kind === 'tuple' ? type.elements[i] : type.element;
        if (!et) throw fail(`a tuple of ${v.length} elements`);
        return toWire(et, x, [...path, i]);
      });
    }
    case 'map': {
      if (!isObject(v)) throw fail('a non-object');
      const out: Record<string, Wire> = {};
      for (const [k, x] of Object.entries(v)) out[k] = toWire(type.element, x, [...path, k]);
      return out;
    }
    case 'object': {
      if (!isObject(v)) throw fail('a non-object');
      for (const k of Object.keys(v)) if (!(k in type.attributes)) throw fail(`unexpected attribute "${k}"`);
      const out: Record<string, Wire> = {};
      for (const [k, at] of Object.entries(type.attributes)) out[k] = toWire(at, Object.hasOwn(v, k) ? v[k]! : null, [...path, k]);
      return out;
    }
    case 'dynamic': {
      const inner = v instanceof Dynamic ? v : new Dynamic(inferType(v), v);
      if (inner.type.kind === 'dynamic') return inner.value === Unknown ? Unknown : null;
      return [encodeType(inner.type), toWire(inner.type, inner.value, path)];
    }
  }
}

function fromWire(type: CtyType, w: unknown, path: (string | number)[]): Value {
  if (w === null || w === undefined) return null;
  // Any extension (and the library's built-in timestamp) is an unknown to us.
  if (w === Unknown || w instanceof ExtData || w instanceof Date) return Unknown;
  const fail = (what: string) => new CtyCodecError(`cannot decode ${what} as ${typeString(type)}`, path);
  switch (type.kind) {
    case 'string':
      if (typeof w !== 'string') throw fail(typeof w);
      return w;
    case 'bool':
      if (typeof w !== 'boolean') throw fail(typeof w);
      return w;
    case 'number':
      if (typeof w === 'number') return w;
      if (typeof w === 'bigint') return normalizeNumber(w);
      if (typeof w === 'string') return numberFromText(w);
      throw fail(typeof w);
    case 'list':
    case 'set':
    case 'tuple': {
      if (!Array.isArray(w)) throw fail('a non-array');
      return w.map((x, i) => {
        const et = type.kind === 'tuple' ? type.elements[i] : type.element;
        if (!et) throw fail(`a tuple of ${w.length} elements`);
        return fromWire(et, x, [...path, i]);
      });
    }
    case 'map': {
      if (!isPlain(w)) throw fail('a non-map');
      const out: ValueObject = {};
      for (const [k, x] of Object.entries(w)) setKey(out, k, fromWire(type.element, x, [...path, k]));
      return out;
    }
    case 'object': {
      if (!isPlain(w)) throw fail('a non-map');
      const out: ValueObject = {};
      for (const [k, at] of Object.entries(type.attributes)) out[k] = fromWire(at, Object.hasOwn(w, k) ? w[k] : null, [...path, k]);
      return out;
    }
    case 'dynamic': {
      if (!Array.isArray(w) || w.length !== 2 || !(w[0] instanceof Uint8Array)) throw fail('a non-[type, value] pair');
      const inner = decodeType(w[0]);
      return new Dynamic(inner, fromWire(inner, w[1], path));
    }
  }
}

function isPlain(w: unknown): w is Record<string, unknown> {
  return w !== null && typeof w === 'object' && !Array.isArray(w) && !(w instanceof Uint8Array);
}
