/** Bundles the test provider into one executable file, the way a release would ship it. */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const TEST_PROVIDER_SOURCE = 'lbaas.local/test/testfix';

export async function buildTestProvider(dir: string): Promise<string> {
  const outfile = join(dir, 'terraform-provider-testfix');
  await build({
    entryPoints: [fileURLToPath(new URL('./main.js', import.meta.url))],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
  });
  chmodSync(outfile, 0o755);
  return outfile;
}
