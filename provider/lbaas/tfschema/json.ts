/**
 * The provider's schema exactly as `terraform providers schema -json` prints
 * it (format 1.0): the input of the CDKTF binding generator, produced
 * without running Terraform.
 */
import type { Attribute, Block, NestedBlock, Schema } from '../../framework/index.js';
import { typeToJSON } from '../../protocol/cty/types.js';
import { provider } from '../provider.js';
import { PROVIDER_SOURCE } from '../version.js';

const sorted = <T>(rec: Readonly<Record<string, T>> | undefined): [string, T][] => Object.entries(rec ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function attributeJson(a: Attribute): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (a.attributes) out.nested_type = { attributes: Object.fromEntries(sorted(a.attributes).map(([k, c]) => [k, attributeJson(c)])), nesting_mode: 'single' };
  else out.type = typeToJSON(a.type!);
  if (a.description) out.description = a.description;
  out.description_kind = 'plain';
  if (a.deprecated) out.deprecated = true;
  if (a.required) out.required = true;
  if (a.optional) out.optional = true;
  if (a.computed) out.computed = true;
  if (a.sensitive) out.sensitive = true;
  return out;
}

function blockJson(b: Block): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (Object.keys(b.attributes).length) out.attributes = Object.fromEntries(sorted(b.attributes).map(([k, a]) => [k, attributeJson(a)]));
  if (Object.keys(b.blocks ?? {}).length) {
    out.block_types = Object.fromEntries(
      sorted(b.blocks).map(([k, nb]: [string, NestedBlock]) => [
        k,
        { nesting_mode: 'single', block: blockJson(nb), ...(nb.required ? { min_items: 1, max_items: 1 } : {}) },
      ]),
    );
  }
  if (b.description) out.description = b.description;
  out.description_kind = 'plain';
  if (b.deprecated) out.deprecated = true;
  return out;
}

const schemaJson = (s: Schema) => ({ version: s.version ?? 0, block: blockJson(s) });

export function providerSchemaJson(): Record<string, unknown> {
  const map = <T extends { schema: Schema }>(m: Readonly<Record<string, T>>) => Object.fromEntries(sorted(m).map(([k, v]) => [k, schemaJson(v.schema)]));
  return {
    format_version: '1.0',
    provider_schemas: {
      [PROVIDER_SOURCE]: {
        provider: schemaJson(provider.schema),
        resource_schemas: map(provider.resources),
        data_source_schemas: map(provider.dataSources),
      },
    },
  };
}
