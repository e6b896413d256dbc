/** Every path of the CDKTF bindings and their example, from one place. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest directory above this file with provider/lbaas/main.ts (works from dist/ too). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'provider', 'lbaas', 'main.ts'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root (provider/lbaas/main.ts)');
    dir = up;
  }
}

export const REPO_ROOT = repoRoot();
/** Output of the generator (gitignored; excluded from the root tsconfig). */
export const GENERATED_DIR = path.join(REPO_ROOT, 'provider', 'cdktf', 'generated');
/** examples/cdktf: main.ts and its tsconfig.json. */
export const EXAMPLE_DIR = path.join(REPO_ROOT, 'examples', 'cdktf');
/** Where that tsconfig compiles the example and the bindings to (its outDir, rootDir = the repository). */
export const COMPILED_DIR = path.join(REPO_ROOT, 'dist', 'cdktf');
export const COMPILED_MAIN = path.join(COMPILED_DIR, 'examples', 'cdktf', 'main.js');
export const COMPILED_GENERATED_DIR = path.join(COMPILED_DIR, 'provider', 'cdktf', 'generated');
/** Default synth output of `npm run cdktf:synth` (gitignored). */
export const DEFAULT_SYNTH_DIR = path.join(EXAMPLE_DIR, 'cdktf.out');
/** The example's stack: its synth output is <outdir>/stacks/<STACK>/cdk.tf.json. */
export const EXAMPLE_STACK = 'lbaas-example';
