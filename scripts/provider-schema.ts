/**
 * npm run provider:schema [-- --out <file>]
 *
 * The provider's schema exactly as `terraform providers schema -json` prints
 * it, without Terraform: the input of the CDKTF binding generator. Also
 * available from the installed provider: `terraform-provider-lbaas_v… --print-schema`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { providerSchemaJson } from '../provider/lbaas/tfschema/json.js';
import { readFlags, runAsMain } from './lib/main.js';

runAsMain(import.meta.url, 'provider:schema', async (argv) => {
  const f = readFlags(argv, { out: { type: 'string' } }, 'npm run provider:schema [-- --out <file>]');
  const text = `${JSON.stringify(providerSchemaJson(), null, 2)}\n`;
  if (!f.out) return void process.stdout.write(text);
  mkdirSync(path.dirname(path.resolve(f.out)), { recursive: true });
  writeFileSync(f.out, text);
  process.stderr.write(`wrote ${f.out}\n`);
});
