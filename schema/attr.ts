/**
 * Attribute metadata: the one place that says, for every field of every
 * object, whether it is required, optional or computed, whether changing it
 * replaces the object, whether it is secret, its default and its description.
 * The agent's validation, the OpenAPI document, the Terraform schema and the
 * Pulumi types are all derived from these definitions.
 */
import { z } from 'zod';

/**
 * required: the user must give it. optional: the user may give it (a default
 * may fill it). computed: only the agent sets it. optional_computed: the user
 * may give it, otherwise the agent picks one (a VIP address).
 */
export type AttrMode = 'required' | 'optional' | 'optional_computed' | 'computed';

export interface Attr<S extends z.ZodType = z.ZodType, M extends AttrMode = AttrMode> {
  readonly schema: S;
  readonly mode: M;
  /** Changing it replaces the object (Neutron: not updatable). */
  readonly forceNew: boolean;
  readonly sensitive: boolean;
  readonly default?: z.output<S>;
  readonly description: string;
}

interface AttrOptions<S extends z.ZodType> {
  forceNew?: boolean;
  sensitive?: boolean;
  default?: z.output<S>;
}

function attr<S extends z.ZodType, M extends AttrMode>(mode: M, schema: S, description: string, o: AttrOptions<S> = {}): Attr<S, M> {
  return {
    schema,
    mode,
    forceNew: o.forceNew ?? false,
    sensitive: o.sensitive ?? false,
    ...(o.default !== undefined ? { default: o.default } : {}),
    description,
  };
}

export const required = <S extends z.ZodType>(s: S, d: string, o?: AttrOptions<S>) => attr('required', s, d, o);
export const optional = <S extends z.ZodType>(s: S, d: string, o?: AttrOptions<S>) => attr('optional', s, d, o);
export const optionalComputed = <S extends z.ZodType>(s: S, d: string, o?: AttrOptions<S>) =>
  attr('optional_computed', s, d, o);
export const computed = <S extends z.ZodType>(s: S, d: string) => attr('computed', s, d);

export type Attrs = Record<string, Attr>;

/** Fields the user can write (in a create). */
export function writableKeys(attrs: Attrs): string[] {
  return Object.keys(attrs).filter((k) => attrs[k]!.mode !== 'computed');
}

/** Fields a PUT may change: writable and not force-new. */
export function updatableKeys(attrs: Attrs): string[] {
  return writableKeys(attrs).filter((k) => !attrs[k]!.forceNew);
}

export function forceNewKeys(attrs: Attrs): string[] {
  return writableKeys(attrs).filter((k) => attrs[k]!.forceNew);
}

export function defaultsOf(attrs: Attrs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, a] of Object.entries(attrs)) if (a.default !== undefined) out[k] = structuredClone(a.default);
  return out;
}

function described(a: Attr): z.ZodType {
  return a.schema.describe(a.description);
}

/** Strict object of the writable fields, as a create body. Defaults are applied by `withDefaults`, not here. */
export function createShape(attrs: Attrs): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const k of writableKeys(attrs)) {
    const a = attrs[k]!;
    shape[k] = a.mode === 'required' ? described(a) : described(a).optional();
  }
  return shape;
}

/** Strict object of every updatable field, all optional: a PUT body. */
export function updateShape(attrs: Attrs): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const k of updatableKeys(attrs)) shape[k] = described(attrs[k]!).optional();
  return shape;
}

/** Every field as the agent returns it; optional ones may be null. */
export function outputShape(attrs: Attrs): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, a] of Object.entries(attrs)) {
    // Only an optional field without a default can be absent (null) in an answer.
    shape[k] = a.mode === 'optional' && a.default === undefined ? described(a).nullable() : described(a);
  }
  return shape;
}
