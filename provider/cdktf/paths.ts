/** Every path of the CDKTF bindings and their example, from one place. */
import path from 'node:path';
import { REPO_ROOT } from '../build/paths.js';

export { REPO_ROOT };
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
