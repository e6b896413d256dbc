/**
 * Field names as each ecosystem writes them. The agent's API (and Terraform)
 * use the schema's snake_case names; Pulumi programs use camelCase. This is
 * the one mapping between the two, applied only at the SDK boundary: the wire
 * stays snake_case.
 */

/** `protocol_port` → `protocolPort`; also works on paths (`session_persistence.cookie_name`). */
export function camelName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** `protocolPort` → `protocol_port`. */
export function snakeName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function mapKeys(v: unknown, f: (k: string) => string): unknown {
  if (Array.isArray(v)) return v.map((x) => mapKeys(x, f));
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[f(k)] = mapKeys(x, f);
  return out;
}

/** Every key, at every level, in camelCase (values untouched). */
export function toCamel<T = unknown>(v: unknown): T {
  return mapKeys(v, camelName) as T;
}

/** Every key, at every level, in snake_case (values untouched). */
export function toSnake<T = unknown>(v: unknown): T {
  return mapKeys(v, snakeName) as T;
}

/** Type-level camelName. */
export type CamelName<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelName<T>>}` : S;

type Primitive = string | number | boolean | bigint | symbol | null | undefined;

/** Type-level toCamel. */
export type Camelized<T> = [T] extends [Primitive]
  ? T
  : T extends readonly (infer E)[]
    ? Camelized<E>[]
    : { [K in keyof T as K extends string ? CamelName<K> : K]: Camelized<T[K]> };
