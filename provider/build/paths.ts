/** Where the repository is, found from this file (works from dist/ too), and the paths the provider build uses. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'provider', 'lbaas', 'main.ts'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (provider/lbaas/main.ts)');
    dir = up;
  }
}

/** The nearest directory above this file with provider/lbaas/main.ts. */
export const REPO_ROOT = repoRoot();
/** The provider's entry point (TypeScript source: esbuild compiles it). */
export const PROVIDER_ENTRY = path.join(REPO_ROOT, 'provider', 'lbaas', 'main.ts');
/** Gitignored caches: Node binaries of other platforms, built executables. */
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');
/** Default output of `npm run provider:release`. */
export const RELEASE_DIR = path.join(REPO_ROOT, 'dist', 'release');
