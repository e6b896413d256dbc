/**
 * The JSON form of values, as stored state holds them (UpgradeResourceState's
 * raw_state.json). JSON cannot carry unknowns. Numbers are parsed from their
 * text so int64 and decimal values survive; dynamic values are
 * `{"value": v, "type": T}` as cty's JSON encoding writes them.
 */
import { CtyCodecError } from './msgpack.js';
import { type CtyType, typeFromJSON, typeString } from './types.js';
import { Dynamic, numberFromText, setKey, type Value, type ValueObject } from './value.js';

/** A JSON number, still as text. */
class JsonNumber {
  constructor(readonly text: string) {}
}
type Json = null | boolean | string | JsonNumber | Json[] | { [k: string]: Json };

export function decodeJsonValue(type: CtyType, bytes: Uint8Array | string): Value {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  return fromJson(type, parseJson(text), []);
}

/** Parses JSON keeping numbers as text; otherwise the same grammar as JSON.parse. */
export function parseJson(text: string): Json {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`invalid JSON: ${what} at offset ${i}`);
  };
  const value = (): Json => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: { [k: string]: Json } = {};
      ws();
      if (text[i] === '}') return i++, obj;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a string key');
        const k = str();
        ws();
        if (text[i++] !== ':') fail('expected ":"');
        Object.defineProperty(obj, k, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, obj;
        else fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const arr: Json[] = [];
      ws();
      if (text[i] === ']') return i++, arr;
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, arr;
        else fail('expected "," or "]"');
      }
    }
    if (c === '"') return str();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return new JsonNumber(m[0]);
  };
  const str = (): string => {
    const m = /^"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/.exec(text.slice(i));
    if (!m) return fail('bad string');
    i += m[0].length;
    return JSON.parse(m[0]) as string;
  };
  const out = value();
  ws();
  if (i !== text.length) fail('trailing data');
  return out;
}

function fromJson(type: CtyType, j: Json | undefined, path: (string | number)[]): Value {
  if (j === null || j === undefined) return null;
  const fail = (what: string) => new CtyCodecError(`cannot decode JSON ${what} as ${typeString(type)}`, path);
  switch (type.kind) {
    case 'string':
      // cty's JSON decoder converts primitives to string the way Terraform does.
      if (typeof j === 'string') return j;
      if (j instanceof JsonNumber) return j.text;
      if (typeof j === 'boolean') return String(j);
      throw fail('a non-string');
    case 'bool':
      if (typeof j === 'boolean') return j;
      if (j === 'true' || j === 'false') return j === 'true';
      throw fail('a non-bool');
    case 'number':
      if (j instanceof JsonNumber) return numberFromText(j.text);
      if (typeof j === 'string') return numberFromText(j);
      throw fail('a non-number');
    case 'list':
    case 'set':
    case 'tuple': {
      if (!Array.isArray(j)) throw fail('a non-array');
      return j.map((x, i) => {
        const et = type.kind === 'tuple' ? type.elements[i] : type.element;
        if (!et) throw fail(`tuple of ${j.length} elements`);
        return fromJson(et, x, [...path, i]);
      });
    }
    case 'map': {
      if (!isJsonObject(j)) throw fail('a non-object');
      const out: ValueObject = {};
      for (const [k, x] of Object.entries(j)) setKey(out, k, fromJson(type.element, x, [...path, k]));
      return out;
    }
    case 'object': {
      if (!isJsonObject(j)) throw fail('a non-object');
      // Attributes the schema no longer has are dropped; missing ones are null.
      const out: ValueObject = {};
      for (const [k, at] of Object.entries(type.attributes)) out[k] = fromJson(at, Object.hasOwn(j, k) ? j[k] : null, [...path, k]);
      return out;
    }
    case 'dynamic': {
      if (!isJsonObject(j) || !('type' in j)) throw fail('dynamic value without "type"');
      const inner = typeFromJSON(plain(j.type));
      return new Dynamic(inner, fromJson(inner, j.value, path));
    }
  }
}

function isJsonObject(j: Json): j is { [k: string]: Json } {
  return j !== null && typeof j === 'object' && !Array.isArray(j) && !(j instanceof JsonNumber);
}

/** Back to ordinary JSON data (for a type expression). */
function plain(j: Json | undefined): unknown {
  if (j instanceof JsonNumber) return Number(j.text);
  if (Array.isArray(j)) return j.map(plain);
  if (j && typeof j === 'object') return Object.fromEntries(Object.entries(j).map(([k, v]) => [k, plain(v)]));
  return j;
}
