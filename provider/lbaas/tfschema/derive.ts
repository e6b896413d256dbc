/**
 * Terraform schemas derived from schema/: nothing here restates a field.
 * - required → required; computed → computed;
 * - optional with a default → optional + computed + default;
 * - optional whose default depends on other fields (HTTP monitor settings)
 *   and optional_computed (a VIP address) → optional + computed;
 * - forceNew → requiresReplace();
 * - an object attribute the user writes → a single nested block;
 * - stable computed values keep their state in plans (useStateForUnknown),
 *   volatile ones become unknown in any update (unknownOnUpdate).
 */
import type { Attr } from '../../../schema/attr.js';
import type { ResourceDef } from '../../../schema/resources.js';
import {
  type Attribute,
  type Block,
  type NestedBlock,
  type PlanModifier,
  requiresReplace,
  type Schema,
  unknownOnUpdate,
  useStateForUnknown,
  type Value,
} from '../../framework/index.js';
import { ctyTypeOf, jsonSchemaOf, objectSchema } from './json-schema.js';
import type { JsonSchema } from '../../framework/index.js';

export interface DeriveOptions {
  /** Array attributes presented as sets (ids whose order means nothing). */
  readonly sets?: readonly string[];
  /** Computed attributes that never change once set (id, created_at): keep the state value in plans. */
  readonly stable?: readonly string[];
  /** Computed attributes planned by the resource's modifyPlan, not by a modifier. */
  readonly planned?: readonly string[];
  /** Optional attributes without a static default whose value the agent fills from other fields. */
  readonly contextual?: readonly string[];
}

export interface Derived {
  readonly schema: Schema;
  /** Writable attributes rendered as nested blocks. */
  readonly blocks: readonly string[];
}

/** Descriptions of JSON Schema properties become the nested attributes' docs. */
function nestedBlock(name: string, a: Attr, js: JsonSchema & { properties: Record<string, JsonSchema> }, kind: string): NestedBlock {
  const required = new Set((js.required as string[] | undefined) ?? []);
  const attributes: Record<string, Attribute> = {};
  for (const [k, p] of Object.entries(js.properties)) {
    attributes[k] = {
      type: ctyTypeOf(p, `${kind}.${name}.${k}`),
      ...(required.has(k) ? { required: true } : { optional: true }),
      ...(typeof p.description === 'string' ? { description: p.description } : {}),
    };
  }
  return { attributes, description: a.description, ...(a.mode === 'required' ? { required: true } : {}) };
}

export function deriveSchema(def: ResourceDef, o: DeriveOptions = {}): Derived {
  const attributes: Record<string, Attribute> = {};
  const blocks: Record<string, NestedBlock> = {};
  for (const [name, a] of Object.entries(def.attrs)) {
    const where = `${def.kind}.${name}`;
    const js = jsonSchemaOf(a.schema);
    const obj = objectSchema(js);
    if (obj && a.mode !== 'computed') {
      if (a.forceNew) throw new TypeError(`${where}: a block cannot force replacement here`);
      blocks[name] = nestedBlock(name, a, obj, def.kind);
      continue;
    }
    const type = ctyTypeOf(js, where, o.sets?.includes(name));
    const modifiers: PlanModifier[] = [];
    let flags: Pick<Attribute, 'required' | 'optional' | 'computed'>;
    let dflt: Value | undefined;
    switch (a.mode) {
      case 'required':
        flags = { required: true };
        break;
      case 'optional':
        if (a.default !== undefined) {
          flags = { optional: true, computed: true };
          dflt = a.default as Value;
        } else flags = o.contextual?.includes(name) ? { optional: true, computed: true } : { optional: true };
        break;
      case 'optional_computed':
        flags = { optional: true, computed: true };
        modifiers.push(useStateForUnknown());
        break;
      case 'computed':
        flags = { computed: true };
        if (o.stable?.includes(name)) modifiers.push(useStateForUnknown());
        else if (!o.planned?.includes(name)) modifiers.push(unknownOnUpdate());
        break;
    }
    if (a.forceNew) modifiers.push(requiresReplace());
    attributes[name] = {
      type,
      ...flags,
      ...(a.sensitive ? { sensitive: true } : {}),
      description: a.description,
      ...(dflt !== undefined ? { default: dflt } : {}),
      ...(modifiers.length ? { planModifiers: modifiers } : {}),
    };
  }
  return {
    schema: { description: def.summary ?? `${def.title} (lbaas ${def.kind}).`, attributes, ...(Object.keys(blocks).length ? { blocks } : {}) },
    blocks: Object.keys(blocks),
  };
}

/** A data source schema: every attribute computed, except the lookup keys (optional + computed). */
export function deriveDataSourceSchema(def: ResourceDef, lookup: readonly string[], o: Pick<DeriveOptions, 'sets'> = {}): Schema {
  const attributes: Record<string, Attribute> = {};
  for (const [name, a] of Object.entries(def.attrs)) {
    const js = jsonSchemaOf(a.schema);
    attributes[name] = {
      type: ctyTypeOf(js, `data.${def.kind}.${name}`, o.sets?.includes(name)),
      ...(lookup.includes(name) ? { optional: true, computed: true } : { computed: true }),
      description: a.description,
    };
  }
  return { description: `Reads one ${def.kind} of the agent (by ${lookup.join(' or ')}).`, attributes };
}

/** Every attribute of a zod object schema as a computed attribute (e.g. GET /v1/agent). */
export function computedAttributesOf(js: JsonSchema, where: string): Record<string, Attribute> {
  const obj = objectSchema(js);
  if (!obj) throw new TypeError(`${where}: expected an object schema`);
  const attributes: Record<string, Attribute> = {};
  for (const [k, p] of Object.entries(obj.properties)) {
    attributes[k] = { type: ctyTypeOf(p, `${where}.${k}`), computed: true, ...(typeof p.description === 'string' ? { description: p.description } : {}) };
  }
  return attributes;
}
