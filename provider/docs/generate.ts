/**
 * npm run docs:generate [-- --out <dir>] [--check]
 *
 * The provider's documentation in the Terraform Registry layout, generated
 * from the provider schema (derived from schema/) and examples/:
 *
 *   docs/index.md                     the provider and its settings
 *   docs/resources/<name>.md          one per resource (lbaas_ prefix dropped, as the Registry does)
 *   docs/data-sources/<name>.md       one per data source
 *
 * Every resource and data source the provider registers gets a page, so a
 * new one (or a new attribute) appears on the next run. `--check` writes
 * nothing and fails naming each page that differs — what CI runs (the test
 * generate.test.ts does the same), so a schema change without regenerated
 * docs fails.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESOURCES, type ResourceDef } from '../../schema/resources.js';
import { readFlags, runAsMain } from '../../scripts/lib/main.js';
import { REPO_ROOT } from '../build/paths.js';
import type { JsonSchema } from '../framework/index.js';
import { jsonSchemaOf } from '../lbaas/tfschema/json-schema.js';
import { provider } from '../lbaas/provider.js';
import { dataSourceExample, importCommand, providerExample, resourceExample } from './examples.js';
import { installation } from './installation.js';
import { nonNull } from './describe.js';
import { renderPage } from './render.js';

export const DOCS_DIR = path.join(REPO_ROOT, 'docs');

const shortName = (typeName: string) => typeName.replace(new RegExp(`^${provider.typeName}_`), '');

/** The schema/ definition a resource or data source is derived from, when there is one (lbaas_pool → pool). */
function defOf(typeName: string): ResourceDef | undefined {
  return (RESOURCES as Record<string, ResourceDef>)[shortName(typeName)];
}

/** JSON Schema of attribute `path` of `def` (descending into object properties for nested blocks). */
function limitsOf(def: ResourceDef | undefined): ((p: readonly string[]) => JsonSchema | undefined) | undefined {
  if (!def) return undefined;
  return (p) => {
    const [top, ...rest] = p;
    const a = top === undefined ? undefined : def.attrs[top];
    let js: JsonSchema | undefined = a ? jsonSchemaOf(a.schema) : undefined;
    for (const k of rest) js = js ? (nonNull(js).properties as Record<string, JsonSchema> | undefined)?.[k] : undefined;
    return js;
  };
}

/** Relative path → content of every page. */
export function renderDocs(): Map<string, string> {
  const pages = new Map<string, string>();
  pages.set('index.md', renderPage({ kind: 'provider', name: provider.typeName, schema: provider.schema, example: providerExample(provider.typeName), extra: installation() }));
  for (const [name, r] of Object.entries(provider.resources)) {
    const limits = limitsOf(defOf(name));
    const importable = 'id' in r.schema.attributes || !!r.importState;
    pages.set(
      `resources/${shortName(name)}.md`,
      renderPage({ kind: 'resource', name, schema: r.schema, ...(limits ? { limits } : {}), example: resourceExample(name, r.schema, limits), ...(importable ? { importCommand: importCommand(name) } : {}) }),
    );
  }
  for (const [name, d] of Object.entries(provider.dataSources)) {
    const limits = limitsOf(defOf(name));
    pages.set(`data-sources/${shortName(name)}.md`, renderPage({ kind: 'data-source', name, schema: d.schema, ...(limits ? { limits } : {}), example: dataSourceExample(name, d.schema, limits) }));
  }
  return new Map([...pages].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function walk(dir: string, rel = ''): string[] {
  if (!existsSync(path.join(dir, rel))) return [];
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
}

/** Pages of `dir` that differ from what would be generated: changed, missing, or no longer generated. */
export function diffDocs(dir: string, pages = renderDocs()): string[] {
  const out: string[] = [];
  for (const [rel, text] of pages) {
    const file = path.join(dir, rel);
    if (!existsSync(file)) out.push(`${rel} (missing)`);
    else if (readFileSync(file, 'utf8') !== text) out.push(`${rel} (differs)`);
  }
  for (const rel of walk(dir)) if (!pages.has(rel)) out.push(`${rel} (not generated any more)`);
  return out.sort();
}

/** Writes every page into `dir` (default docs/), replacing what was there. */
export function writeDocs(dir = DOCS_DIR): string[] {
  const pages = renderDocs();
  rmSync(dir, { recursive: true, force: true });
  for (const [rel, text] of pages) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return [...pages.keys()];
}

runAsMain(import.meta.url, 'docs:generate', async (argv) => {
  const f = readFlags(argv, { out: { type: 'string' }, check: { type: 'boolean' } }, 'npm run docs:generate [-- --out <dir>] [--check]');
  const dir = path.resolve(f.out ?? DOCS_DIR);
  if (f.check) {
    const diff = diffDocs(dir);
    if (diff.length) throw new Error(`${path.relative(process.cwd(), dir) || '.'} is out of date; run npm run docs:generate:\n  ${diff.join('\n  ')}`);
    process.stdout.write(`docs:generate: ${path.relative(process.cwd(), dir) || '.'} is up to date\n`);
    return;
  }
  const files = writeDocs(dir);
  process.stdout.write(`docs:generate: wrote ${files.length} pages into ${path.relative(process.cwd(), dir) || '.'}\n`);
});
