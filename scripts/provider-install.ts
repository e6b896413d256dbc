/**
 * npm run provider:install [-- --dir <mirror>] [--platform linux_amd64]
 *
 * Bundles the provider (provider/lbaas/main.ts and everything it imports,
 * node_modules included) with esbuild into one self-contained executable
 * script and installs it into a provider mirror in Terraform's unpacked
 * layout:
 *
 *   <dir>/lbaas.local/lbaas/lbaas/<version>/<os>_<arch>/terraform-provider-lbaas_v<version>
 *
 * The default dir, ~/.terraform.d/plugins, is one of Terraform's implied
 * mirror directories: `terraform init` then finds the provider offline, with
 * no CLI configuration and no dev_overrides. OpenTofu reads the same layout.
 */
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_SOURCE, PROVIDER_TYPE, PROVIDER_VERSION } from '../provider/lbaas/version.js';

export interface InstallOptions {
  /** Mirror directory (default ~/.terraform.d/plugins). */
  dir?: string;
  /** Terraform's OS_ARCH (default: this host's, e.g. linux_amd64). */
  platform?: string;
}

export interface Installed {
  /** The mirror directory. */
  mirror: string;
  /** The installed executable. */
  file: string;
  source: string;
  version: string;
  platform: string;
}

export const DEFAULT_MIRROR = path.join(homedir(), '.terraform.d', 'plugins');

/** Terraform's name for this host's platform. */
export function hostPlatform(): string {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${process.platform}_${arch[process.arch] ?? process.arch}`;
}

/** The repository root: the nearest directory above this file with provider/lbaas/main.ts. */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'provider', 'lbaas', 'main.ts'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (provider/lbaas/main.ts)');
    dir = up;
  }
}

/** Bundles the provider into `outfile`: CommonJS, Node 20, `#!/usr/bin/env node`, mode 0755. */
export async function bundleProvider(outfile: string): Promise<void> {
  const root = repoRoot();
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    entryPoints: [path.join(root, 'provider', 'lbaas', 'main.ts')],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'error',
  });
  chmodSync(outfile, 0o755);
}

export async function installProvider(o: InstallOptions = {}): Promise<Installed> {
  const mirror = path.resolve(o.dir ?? DEFAULT_MIRROR);
  const platform = o.platform ?? hostPlatform();
  const dir = path.join(mirror, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE, PROVIDER_VERSION, platform);
  // Only our file in the platform directory: Terraform runs the first terraform-provider-lbaas* it finds.
  rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, `terraform-provider-${PROVIDER_TYPE}_v${PROVIDER_VERSION}`);
  await bundleProvider(file);
  return { mirror, file, source: PROVIDER_SOURCE, version: PROVIDER_VERSION, platform };
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

function parseArgs(argv: string[]): InstallOptions {
  const o: InstallOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--dir') o.dir = value();
    else if (a === '--platform') o.platform = value();
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: npm run provider:install [-- --dir <mirror dir>] [--platform <os_arch>]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  return o;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = await installProvider(parseArgs(process.argv.slice(2)));
    const implied = r.mirror === DEFAULT_MIRROR;
    process.stdout.write(
      `installed ${r.source} ${r.version} (${r.platform})\n  ${r.file}\n` +
        (implied
          ? `${r.mirror} is an implied mirror: terraform init finds the provider there without any CLI configuration.\n`
          : `${r.mirror} is not an implied mirror; point Terraform at it with a CLI configuration (TF_CLI_CONFIG_FILE):\n\n${mirrorCliConfig(r.mirror)}`),
    );
  } catch (e) {
    process.stderr.write(`provider:install: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
