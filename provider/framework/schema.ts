/**
 * Schema model for providers, resources and data sources. Attributes are
 * plain objects; a later layer derives them from the zod attribute metadata
 * in schema/ (type from z.toJSONSchema, mode → required/optional/computed,
 * forceNew → requiresReplace(), default → optional+computed with default).
 */
import { encodeMsgpack } from '../protocol/cty/msgpack.js';
import { type CtyType, type ObjectType, t } from '../protocol/cty/types.js';
import type { Value } from '../protocol/cty/value.js';
import type { PlanModifier } from './plan-modifiers.js';
import type { Validator } from './validators.js';

export interface Attribute {
  /** cty type; leave out when `attributes` makes this a single nested attribute. */
  readonly type?: CtyType;
  /** A single nested object attribute (`session = { type = "x" }`). */
  readonly attributes?: Readonly<Record<string, Attribute>>;
  /** Exactly one of: required; optional; computed; optional + computed. */
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
  readonly description?: string;
  readonly deprecated?: boolean;
  /** Planned when the configuration leaves it null; needs optional + computed. */
  readonly default?: Value;
  readonly planModifiers?: readonly PlanModifier[];
  readonly validators?: readonly Validator[];
}

export interface Block {
  readonly attributes: Readonly<Record<string, Attribute>>;
  /** Single nested blocks (`session_persistence { type = "x" }`), null when absent. */
  readonly blocks?: Readonly<Record<string, NestedBlock>>;
  readonly description?: string;
  readonly deprecated?: boolean;
}

export interface NestedBlock extends Block {
  /** Terraform requires the block to be written (min_items = max_items = 1). */
  readonly required?: boolean;
}

export interface Schema extends Block {
  /** State schema version; UpgradeResourceState receives the stored one. */
  readonly version?: number;
}

export function attributeType(a: Attribute): CtyType {
  if (a.attributes) {
    const attrs: Record<string, CtyType> = {};
    for (const [k, c] of Object.entries(a.attributes)) attrs[k] = attributeType(c);
    return t.object(attrs);
  }
  return a.type ?? t.dynamic;
}

/** The object type of a block's values: its attributes and nested blocks. */
export function impliedType(b: Block): ObjectType {
  const attrs: Record<string, CtyType> = {};
  for (const [k, a] of Object.entries(b.attributes)) attrs[k] = attributeType(a);
  for (const [k, nb] of Object.entries(b.blocks ?? {})) attrs[k] = impliedType(nb);
  return t.object(attrs);
}

const NAME = /^[a-z][a-z0-9_]*$/;

/** Problems that would make Terraform reject the schema, or the framework misplan; empty when fine. */
export function checkSchema(b: Block, where = ''): string[] {
  const out: string[] = [];
  const at = (n: string) => (where ? `${where}.${n}` : n);
  for (const [name, a] of Object.entries(b.attributes)) {
    if (!NAME.test(name)) out.push(`${at(name)}: invalid attribute name`);
    out.push(...checkAttribute(a, at(name)));
  }
  for (const [name, nb] of Object.entries(b.blocks ?? {})) {
    if (!NAME.test(name)) out.push(`${at(name)}: invalid block name`);
    if (name in b.attributes) out.push(`${at(name)}: both an attribute and a block`);
    out.push(...checkSchema(nb, at(name)));
  }
  return out;
}

function checkAttribute(a: Attribute, where: string): string[] {
  const out: string[] = [];
  if ((a.type === undefined) === (a.attributes === undefined)) out.push(`${where}: needs exactly one of type or attributes`);
  if (a.required && (a.optional || a.computed)) out.push(`${where}: required cannot be optional or computed`);
  if (!a.required && !a.optional && !a.computed) out.push(`${where}: must be required, optional or computed`);
  if (a.default !== undefined) {
    if (!(a.optional && a.computed)) out.push(`${where}: a default needs optional and computed`);
    try {
      encodeMsgpack(attributeType(a), a.default);
    } catch (e) {
      out.push(`${where}: default does not fit the type: ${(e as Error).message}`);
    }
  }
  if (a.attributes) {
    for (const [name, c] of Object.entries(a.attributes)) {
      if (!NAME.test(name)) out.push(`${where}.${name}: invalid attribute name`);
      if (a.computed && !a.optional && (c.required || c.optional)) out.push(`${where}.${name}: inside a computed-only attribute, must be computed-only`);
      out.push(...checkAttribute(c, `${where}.${name}`));
    }
  }
  return out;
}
