/** Framework schema → tfplugin6 Schema. Attributes and blocks sorted by name, like Terraform's own. */
import { encodeType } from '../cty/types.js';
import type { Attribute, Block, NestedBlock, Schema } from '../../framework/schema.js';
import * as wire from '../wire.js';

const byName = <T>(rec: Readonly<Record<string, T>> | undefined): [string, T][] =>
  Object.entries(rec ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function attribute(name: string, a: Attribute): wire.SchemaAttribute {
  return {
    name,
    // `type` or `nested_type`, never both.
    ...(a.attributes
      ? { nested_type: { attributes: byName(a.attributes).map(([n, c]) => attribute(n, c)), nesting: wire.NESTING_SINGLE } }
      : { type: encodeType(a.type!) }),
    description: a.description ?? '',
    description_kind: wire.STRING_KIND_PLAIN,
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
    deprecated: !!a.deprecated,
  };
}

function block(b: Block, version = 0): wire.SchemaBlock {
  return {
    version,
    attributes: byName(b.attributes).map(([n, a]) => attribute(n, a)),
    block_types: byName(b.blocks).map(([n, nb]: [string, NestedBlock]) => ({
      type_name: n,
      block: block(nb),
      nesting: wire.NESTING_SINGLE,
      // Terraform: in SINGLE mode min and max are both 1 (required) or both 0.
      min_items: nb.required ? 1 : 0,
      max_items: nb.required ? 1 : 0,
    })),
    description: b.description ?? '',
    description_kind: wire.STRING_KIND_PLAIN,
    deprecated: !!b.deprecated,
  };
}

export function toSchema(s: Schema): wire.Schema {
  return { version: s.version ?? 0, block: block(s, s.version ?? 0) };
}
