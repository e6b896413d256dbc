/**
 * The one esbuild configuration for providers: everything an entry point
 * imports, node_modules included, in one CommonJS file for Node 20. It is
 * what `provider:install --script` installs, what the single executable
 * embeds (SEA runs CommonJS and can require only built-in modules, so
 * nothing may stay external) and what the test provider is built from.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { PROVIDER_ENTRY, REPO_ROOT } from './paths.js';

export interface BundleOptions {
  /** Entry point (.ts or .js); default the lbaas provider's main. */
  entry?: string;
  outfile: string;
  /** Prefix `#!/usr/bin/env node` and make it executable (a script run directly). */
  script?: boolean;
}

export async function bundle(o: BundleOptions): Promise<string> {
  mkdirSync(path.dirname(o.outfile), { recursive: true });
  await build({
    entryPoints: [o.entry ?? PROVIDER_ENTRY],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: o.outfile,
    ...(o.script ? { banner: { js: '#!/usr/bin/env node' } } : {}),
    legalComments: 'none',
    logLevel: 'error',
  });
  chmodSync(o.outfile, o.script ? 0o755 : 0o644);
  return o.outfile;
}
