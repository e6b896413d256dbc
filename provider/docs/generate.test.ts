import test from 'ava';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { provider } from '../lbaas/provider.js';
import { t as ty } from '../framework/index.js';
import { diffDocs, DOCS_DIR, renderDocs, writeDocs } from './generate.js';
import { GENERATED_MARKER, renderPage } from './render.js';

test('the committed docs/ are what docs:generate writes (run npm run docs:generate after a schema change)', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lbaas-docs-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const written = writeDocs(dir);
  const generated = new Map(written.map((rel) => [rel, readFileSync(path.join(dir, rel), 'utf8')]));
  t.deepEqual(diffDocs(DOCS_DIR, generated), []);
});

test('every resource and data source the provider registers has a page, marked generated', (t) => {
  const pages = renderDocs();
  const expected = [
    'index.md',
    ...Object.keys(provider.resources).map((n) => `resources/${n.replace(/^lbaas_/, '')}.md`),
    ...Object.keys(provider.dataSources).map((n) => `data-sources/${n.replace(/^lbaas_/, '')}.md`),
  ].sort();
  t.deepEqual([...pages.keys()].sort(), expected);
  for (const [rel, text] of pages) t.true(text.includes(GENERATED_MARKER), rel);
});

test('a resource page states required/optional/read-only, defaults, limits, replacement, nested blocks and import', (t) => {
  const vip = renderDocs().get('resources/vip.md')!;
  t.regex(vip, /^# lbaas_vip \(Resource\)$/m);
  t.regex(vip, /### Required\n\n(- .*\n)*- `protocol` \(String, Forces replacement\) .*One of `TCP`, `HTTP`, `HTTPS`\./);
  t.regex(vip, /- `connection_limit` \(Number\) .*Between -1 and 1000000\. Defaults to `-1`\./);
  t.regex(vip, /### Read-Only\n\n(- .*\n)*- `id` \(String\)/);
  t.regex(vip, /- `session_persistence` \(Block\) .*\(#nestedblock--session_persistence\)/);
  t.regex(vip, /### Nested Schema for `session_persistence`\n\n#### Required\n\n- `type` \(String\) .*One of `SOURCE_IP`, `HTTP_COOKIE`, `APP_COOKIE`\./);
  t.regex(vip, /## Import\n[\s\S]*terraform import lbaas_vip\.example <id>[\s\S]*import \{\n {2}to = lbaas_vip\.example/);
  t.regex(vip, /```terraform\nresource "lbaas_vip" "web" \{/, 'example from examples/resources/lbaas_vip/resource.tf');
});

test('a new attribute or data source shows up without touching the generator', (t) => {
  const schema = { description: 'Agents of the cluster.', attributes: { items: { type: ty.list(ty.string), computed: true, description: 'Agent ids.' }, zone: { type: ty.string, required: true, description: 'Availability zone.' } } };
  const page = renderPage({ kind: 'data-source', name: 'lbaas_agents', schema, example: 'data "lbaas_agents" "all" {}\n' });
  t.regex(page, /- `zone` \(String\) Availability zone\./);
  t.regex(page, /### Read-Only\n\n- `items` \(List of String\) Agent ids\./);
  t.notRegex(page, /## Import/);
});
