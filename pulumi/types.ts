/**
 * TypeScript types of the Pulumi resources, derived from the schema's
 * attribute metadata: arguments from the writable fields (z.input of each
 * field's schema; required stays required), outputs from the agent's
 * objects (z.infer), every name in camelCase (schema/case.ts, the same
 * mapping the provider applies at run time). Nothing is written twice.
 */
import type * as pulumi from '@pulumi/pulumi';
import type { z } from 'zod';
import type { Attr, AttrMode, Attrs } from '../schema/attr.js';
import type { CamelName, Camelized } from '../schema/case.js';

type Primitive = string | number | boolean | null | undefined;

/** A value where each level may be a plain value, a promise or an Output. */
export type DeepInput<T> = [T] extends [Primitive]
  ? pulumi.Input<T>
  : [T] extends [readonly (infer E)[]]
    ? pulumi.Input<DeepInput<E>[]>
    : pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>;

type KeysWithMode<A extends Attrs, M extends AttrMode> = {
  [K in keyof A]: A[K] extends Attr<z.ZodType, infer Mode> ? (Mode extends M ? K : never) : never;
}[keyof A];

type FieldInput<A extends Attrs, K extends keyof A> = DeepInput<Camelized<z.input<A[K]['schema']>>>;

/** Arguments of a resource: its required fields, then the optional ones (camelCase). */
export type ArgsOf<A extends Attrs> = { [K in KeysWithMode<A, 'required'> as CamelName<K & string>]: FieldInput<A, K> } & {
  [K in KeysWithMode<A, 'optional' | 'optional_computed'> as CamelName<K & string>]?: FieldInput<A, K>;
};

/** Outputs of a resource: every field of the agent's object but `id` (the resource id), camelCase. */
export type OutputsOf<O> = { readonly [K in Exclude<keyof O, 'id'> as CamelName<K & string>]: pulumi.Output<Camelized<O[K]>> };
