/**
 * npm run provider:release [-- --out <dir>] [--platform linux_amd64 --platform linux_arm64]
 *
 * Builds the provider as a single executable per platform (no Node.js needed
 * where Terraform runs) and writes the release zips, SHA256SUMS, manifest and
 * a mirror tree; see provider/release/release.ts. `npm test` runs it with
 * --skip-unavailable first, so the test files find the executables built.
 */
import path from 'node:path';
import { release } from '../provider/release/release.js';
import { mirrorProviderDir } from '../provider/release/mirror.js';
import { readFlags, runAsMain } from './lib/main.js';

const USAGE = 'npm run provider:release [-- --out <dir>] [--platform <os_arch> ...] [--skip-unavailable]';

runAsMain(import.meta.url, 'provider:release', async (argv) => {
  const f = readFlags(argv, { out: { type: 'string' }, platform: { type: 'string', multiple: true }, 'skip-unavailable': { type: 'boolean' } }, USAGE);
  const r = await release({ ...(f.out ? { out: f.out } : {}), ...(f.platform?.length ? { platforms: f.platform } : {}), skipUnavailable: !!f['skip-unavailable'] });
  const rel = (p: string) => path.relative(process.cwd(), p) || '.';
  const lines = [`released terraform-provider-lbaas ${r.version} into ${rel(r.out)}`];
  for (const p of r.packages) lines.push(`  ${p.zipName}  ${p.h1}  (node: ${p.node})`);
  lines.push(`  ${path.basename(r.sha256sums)}`, `  ${path.basename(r.manifest)}`, `mirror (filesystem_mirror path or network_mirror root): ${rel(r.mirror)}`, `  ${rel(mirrorProviderDir(r.mirror))}/{index.json,${r.version}.json,*.zip}`);
  for (const x of r.skipped) lines.push(`left out ${x.platform}: ${x.reason}`);
  process.stdout.write(`${lines.join('\n')}\n`);
});
