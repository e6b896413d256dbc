/**
 * Example usage for each page, in tfplugindocs' layout:
 *
 *   examples/provider/provider.tf
 *   examples/resources/<type>/resource.tf   and   examples/resources/<type>/import.sh
 *   examples/data-sources/<type>/data-source.tf
 *
 * A resource or data source without a file (one added later) still gets an
 * example: a block with its required arguments, values taken from the
 * schema (first allowed value, lower bound, …).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Block, JsonSchema } from '../framework/index.js';
import { attributeType } from '../framework/index.js';
import { REPO_ROOT } from '../build/paths.js';
import { typeToJSON } from '../protocol/cty/types.js';
import { nonNull } from './describe.js';

export const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');

const read = (...p: string[]) => {
  const f = path.join(EXAMPLES_DIR, ...p);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
};

type Limits = (path: readonly string[]) => JsonSchema | undefined;

function placeholder(type: unknown, js: JsonSchema | undefined): string {
  const s = js ? nonNull(js) : {};
  if (Array.isArray(s.enum) && s.enum.length) return JSON.stringify(s.enum[0]);
  if (type === 'number') return String(typeof s.minimum === 'number' && s.minimum > 0 ? s.minimum : 1);
  if (type === 'bool') return 'true';
  if (Array.isArray(type)) return type[0] === 'object' || type[0] === 'map' ? '{}' : '[]';
  return '"example"';
}

function requiredBody(b: Block, path: readonly string[], limits: Limits | undefined, indent: string): string[] {
  const out: string[] = [];
  const names = Object.keys(b.attributes).filter((n) => b.attributes[n]!.required).sort();
  const width = Math.max(0, ...names.map((n) => n.length));
  for (const n of names) out.push(`${indent}${n.padEnd(width)} = ${placeholder(typeToJSON(attributeType(b.attributes[n]!)), limits?.([...path, n]))}`);
  for (const [n, nb] of Object.entries(b.blocks ?? {}).sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (!nb.required) continue;
    out.push('', `${indent}${n} {`, ...requiredBody(nb, [...path, n], limits, `${indent}  `), `${indent}}`);
  }
  return out;
}

export function resourceExample(name: string, schema: Block, limits?: Limits): string {
  return read('resources', name, 'resource.tf') ?? `resource "${name}" "example" {\n${requiredBody(schema, [], limits, '  ').join('\n')}\n}\n`;
}

export function dataSourceExample(name: string, schema: Block, limits?: Limits): string {
  const body = requiredBody(schema, [], limits, '  ');
  return read('data-sources', name, 'data-source.tf') ?? `data "${name}" "example" {${body.length ? `\n${body.join('\n')}\n` : ''}}\n`;
}

export function providerExample(type: string): string {
  return read('provider', 'provider.tf') ?? `provider "${type}" {}\n`;
}

export function importCommand(name: string): string {
  return read('resources', name, 'import.sh') ?? `terraform import ${name}.example <id>\n`;
}
