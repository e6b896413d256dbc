/**
 * The four resources: which schema/ definition each is derived from, and
 * the few presentation choices Terraform needs that schema/ does not carry.
 */
import { updatableKeys, writableKeys } from '../../../schema/attr.js';
import { type Kind, KINDS, RESOURCES, type ResourceDef } from '../../../schema/resources.js';
import { type Block, impliedType } from '../../framework/index.js';
import type { ObjectType } from '../../protocol/cty/types.js';
import { type DeriveOptions, deriveSchema } from '../tfschema/derive.js';

export interface KindContext {
  readonly kind: Kind;
  /** lbaas_pool, lbaas_member, … */
  readonly typeName: string;
  readonly def: ResourceDef;
  readonly schema: Block;
  readonly type: ObjectType;
  /** Attributes sent on create / on update. */
  readonly writable: readonly string[];
  readonly updatable: readonly string[];
  /** Updatable attributes the agent reads null as "clear" (session_persistence). */
  readonly nullable: readonly string[];
  readonly sets: readonly string[];
  /** Attributes whose default the agent derives from other fields. */
  readonly contextual: readonly string[];
}

/** Keys the contextual defaults can fill, found by trying every value of every enum field (e.g. monitor type). */
export function contextualKeys(def: ResourceDef): string[] {
  if (!def.contextualDefaults) return [];
  const keys = new Set<string>();
  for (const [name, a] of Object.entries(def.attrs)) {
    const options = (a.schema as { options?: unknown[] }).options;
    if (!Array.isArray(options)) continue;
    for (const o of options) for (const k of Object.keys(def.contextualDefaults({ [name]: o }))) keys.add(k);
  }
  return [...keys];
}

const COMMON: DeriveOptions = { stable: ['id', 'created_at'], planned: ['in_sync'] };

const OPTIONS: Record<Kind, DeriveOptions> = {
  pool: { ...COMMON, sets: ['health_monitor_ids'] },
  member: COMMON,
  // port_id: kept unless the VIP moves to another pool (modifyPlan).
  vip: { ...COMMON, planned: ['in_sync', 'port_id'] },
  health_monitor: { ...COMMON, contextual: contextualKeys(RESOURCES.health_monitor) },
};

function context(kind: Kind): KindContext {
  const def: ResourceDef = RESOURCES[kind];
  const o = OPTIONS[kind];
  const { schema } = deriveSchema(def, o);
  const updatable = updatableKeys(def.attrs);
  return {
    kind,
    typeName: `lbaas_${kind}`,
    def,
    schema,
    type: impliedType(schema),
    writable: writableKeys(def.attrs),
    updatable,
    nullable: updatable.filter((k) => def.attrs[k]!.schema.safeParse(null).success),
    sets: o.sets ?? [],
    contextual: o.contextual ?? [],
  };
}

export const KIND_CONTEXTS: Record<Kind, KindContext> = Object.fromEntries(KINDS.map((k) => [k, context(k)])) as Record<Kind, KindContext>;

