/** Bundles the test provider into one executable file with the provider build's one esbuild configuration. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '../../build/bundle.js';

export const TEST_PROVIDER_SOURCE = 'lbaas.local/test/testfix';

export function buildTestProvider(dir: string): Promise<string> {
  return bundle({ entry: fileURLToPath(new URL('./main.js', import.meta.url)), outfile: join(dir, 'terraform-provider-testfix'), script: true });
}
