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

const i = process.argv.indexOf('--out');
const text = `${JSON.stringify(providerSchemaJson(), null, 2)}\n`;
if (i > 0) {
  const out = process.argv[i + 1];
  if (!out) {
    process.stderr.write('provider:schema: --out needs a file name\n');
    process.exit(1);
  }
  mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  writeFileSync(out, text);
  process.stderr.write(`wrote ${out}\n`);
} else {
  process.stdout.write(text);
}
