/**
 * npm run provider:install [-- --dir <mirror>] [--script]
 *
 * Installs the provider into a mirror in Terraform's unpacked layout:
 *
 *   <dir>/lbaas.local/lbaas/lbaas/<version>/<os>_<arch>/terraform-provider-lbaas_v<version>
 *
 * By default the file is the single executable (provider/build/sea.ts: no
 * Node.js needed to run it); `--script` installs the esbuild bundle instead
 * (`#!/usr/bin/env node`, 2 MB, built in a second — for development on a
 * machine with Node 20).
 *
 * The default dir, ~/.terraform.d/plugins, is one of Terraform's implied
 * mirror directories: `terraform init` then finds the provider offline, with
 * no CLI configuration and no dev_overrides. OpenTofu reads the same layout.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { bundle } from '../provider/build/bundle.js';
import { EXECUTABLE_NAME, providerExecutable } from '../provider/build/executable.js';
import { hostPlatform } from '../provider/build/platform.js';
import { PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_SOURCE, PROVIDER_TYPE, PROVIDER_VERSION } from '../provider/lbaas/version.js';
import { readFlags, runAsMain } from './lib/main.js';

export interface InstallOptions {
  /** Mirror directory (default ~/.terraform.d/plugins). */
  dir?: string;
  /** Install the Node script bundle instead of the single executable. */
  script?: boolean;
}

export interface Installed {
  /** The mirror directory. */
  mirror: string;
  /** The installed executable. */
  file: string;
  source: string;
  version: string;
  platform: string;
  kind: 'executable' | 'script';
}

export const DEFAULT_MIRROR = path.join(homedir(), '.terraform.d', 'plugins');

export async function installProvider(o: InstallOptions = {}): Promise<Installed> {
  const mirror = path.resolve(o.dir ?? DEFAULT_MIRROR);
  const platform = hostPlatform();
  const dir = path.join(mirror, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, PROVIDER_VERSION, platform.name);
  // Only our file in the platform directory: Terraform runs the first terraform-provider-lbaas* it finds.
  rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, EXECUTABLE_NAME);
  if (o.script) {
    await bundle({ outfile: file, script: true });
  } else {
    const exe = await providerExecutable(platform);
    mkdirSync(dir, { recursive: true });
    copyFileSync(exe.file, file);
  }
  return { mirror, file, source: PROVIDER_SOURCE, version: PROVIDER_VERSION, platform: platform.name, kind: o.script ? 'script' : 'executable' };
}

/** A CLI configuration (TF_CLI_CONFIG_FILE) that takes lbaas from `mirror` and everything else from its registry. */
export function mirrorCliConfig(mirror: string): string {
  return `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(mirror)}
    include = ["${PROVIDER_HOST}/*/*"]
  }
  direct {
    exclude = ["${PROVIDER_HOST}/*/*"]
  }
}
`;
}

runAsMain(import.meta.url, 'provider:install', async (argv) => {
  const f = readFlags(argv, { dir: { type: 'string' }, script: { type: 'boolean' } }, 'npm run provider:install [-- --dir <mirror dir>] [--script]');
  const r = await installProvider({ ...(f.dir ? { dir: f.dir } : {}), script: !!f.script });
  const implied = r.mirror === DEFAULT_MIRROR;
  process.stdout.write(
    `installed ${r.source} ${r.version} (${r.platform}, ${r.kind === 'script' ? 'Node script' : 'single executable'})\n  ${r.file}\n` +
      (implied
        ? `${r.mirror} is an implied mirror: terraform init finds the provider there without any CLI configuration.\n`
        : `${r.mirror} is not an implied mirror; point Terraform at it with a CLI configuration (TF_CLI_CONFIG_FILE):\n\n${mirrorCliConfig(r.mirror)}`),
  );
});
