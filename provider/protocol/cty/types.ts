/**
 * The cty type system as Terraform puts it on the wire: schema attribute
 * `type` fields and the type half of dynamic values are JSON like
 * `"string"`, `["list","string"]`, `["object",{"a":"number"}]`.
 */

export type CtyType =
  | { readonly kind: 'string' }
  | { readonly kind: 'number' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'dynamic' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly element: CtyType }
  | { readonly kind: 'object'; readonly attributes: Readonly<Record<string, CtyType>> }
  | { readonly kind: 'tuple'; readonly elements: readonly CtyType[] };

export type ObjectType = Extract<CtyType, { kind: 'object' }>;

const STRING: CtyType = Object.freeze({ kind: 'string' });
const NUMBER: CtyType = Object.freeze({ kind: 'number' });
const BOOL: CtyType = Object.freeze({ kind: 'bool' });
const DYNAMIC: CtyType = Object.freeze({ kind: 'dynamic' });

/** Constructors: `t.list(t.string)`, `t.object({ a: t.number })`. */
export const t = {
  string: STRING,
  number: NUMBER,
  bool: BOOL,
  dynamic: DYNAMIC,
  list: (element: CtyType): CtyType => ({ kind: 'list', element }),
  set: (element: CtyType): CtyType => ({ kind: 'set', element }),
  map: (element: CtyType): CtyType => ({ kind: 'map', element }),
  object: (attributes: Record<string, CtyType>): ObjectType => ({ kind: 'object', attributes }),
  tuple: (elements: CtyType[]): CtyType => ({ kind: 'tuple', elements }),
} as const;

export type TypeJSON = string | [string, unknown] | [string, unknown, unknown];

export function typeToJSON(type: CtyType): unknown {
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
    case 'dynamic':
      return type.kind;
    case 'list':
    case 'set':
    case 'map':
      return [type.kind, typeToJSON(type.element)];
    case 'object': {
      const attrs: Record<string, unknown> = {};
      for (const k of Object.keys(type.attributes).sort()) attrs[k] = typeToJSON(type.attributes[k]!);
      return ['object', attrs];
    }
    case 'tuple':
      return ['tuple', type.elements.map(typeToJSON)];
  }
}

/** JSON bytes, as schema attributes and dynamic values carry them. */
export function encodeType(type: CtyType): Buffer {
  return Buffer.from(JSON.stringify(typeToJSON(type)));
}

export function decodeType(bytes: Uint8Array | string): CtyType {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  return typeFromJSON(JSON.parse(text));
}

/** Parses a JSON type; the optional-attributes list of object type constraints is accepted and ignored. */
export function typeFromJSON(j: unknown): CtyType {
  if (typeof j === 'string') {
    switch (j) {
      case 'string':
        return STRING;
      case 'number':
        return NUMBER;
      case 'bool':
        return BOOL;
      case 'dynamic':
        return DYNAMIC;
    }
    throw new TypeError(`invalid cty type ${JSON.stringify(j)}`);
  }
  if (Array.isArray(j) && j.length >= 2 && typeof j[0] === 'string') {
    const [kind, arg] = j as [string, unknown];
    switch (kind) {
      case 'list':
      case 'set':
      case 'map':
        return { kind, element: typeFromJSON(arg) };
      case 'object': {
        if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) break;
        const attributes: Record<string, CtyType> = {};
        for (const [k, v] of Object.entries(arg)) attributes[k] = typeFromJSON(v);
        return { kind: 'object', attributes };
      }
      case 'tuple':
        if (Array.isArray(arg)) return { kind: 'tuple', elements: arg.map(typeFromJSON) };
    }
  }
  throw new TypeError(`invalid cty type ${JSON.stringify(j)}`);
}

export function typeEquals(a: CtyType, b: CtyType): boolean {
  return JSON.stringify(typeToJSON(a)) === JSON.stringify(typeToJSON(b));
}

export function typeString(type: CtyType): string {
  return JSON.stringify(typeToJSON(type));
}
