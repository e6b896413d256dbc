/**
 * npm run cdktf:synth [-- --out <dir>]
 *
 * Compiles examples/cdktf with the generated bindings (its own tsconfig:
 * the bindings are a CommonJS scope the root build excludes) and runs it:
 * CDKTF's App writes <out>/stacks/<stack>/cdk.tf.json, plain Terraform JSON
 * that `terraform init` / `validate` / `apply` take as it is. The `cdktf` CLI
 * is not needed. Run `npm run cdktf:generate` first (the npm script does).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { run } from '../../agent/exec/run.js';
import { readFlags, runAsMain } from '../../scripts/lib/main.js';
import { COMPILED_GENERATED_DIR, COMPILED_MAIN, DEFAULT_SYNTH_DIR, EXAMPLE_DIR, EXAMPLE_STACK, GENERATED_DIR, REPO_ROOT } from './paths.js';

/** tsc and the app each take a few seconds; far more means something hangs. */
const STEP_TIMEOUT_MS = 120_000;

export interface Synthesized {
  /** The synth output directory. */
  outdir: string;
  /** <outdir>/stacks/<stack>: the directory to run terraform in. */
  stackDir: string;
  /** Its cdk.tf.json. */
  file: string;
}

/** A build step through the one command wrapper (execa, argv only); its output is in the error when it fails. */
async function step(file: string, args: string[], o: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  const env = Object.fromEntries(Object.entries(o.env ?? {}).filter((e): e is [string, string] => e[1] !== undefined));
  await run(file, args, { cwd: o.cwd, env, timeoutMs: STEP_TIMEOUT_MS });
}

/** tsc -p examples/cdktf/tsconfig.json → dist/cdktf, plus the CommonJS marker tsc does not copy. */
export async function compileExample(): Promise<void> {
  if (!existsSync(path.join(GENERATED_DIR, 'package.json'))) throw new Error(`no bindings in ${GENERATED_DIR}: run npm run cdktf:generate first`);
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  await step(process.execPath, [tsc, '-p', path.join(EXAMPLE_DIR, 'tsconfig.json')], { cwd: REPO_ROOT });
  mkdirSync(COMPILED_GENERATED_DIR, { recursive: true });
  copyFileSync(path.join(GENERATED_DIR, 'package.json'), path.join(COMPILED_GENERATED_DIR, 'package.json'));
}

/** Runs the compiled example with CDKTF_OUTDIR=outdir (cwd outdir too). */
export async function synthExample(outdir: string = DEFAULT_SYNTH_DIR, env: NodeJS.ProcessEnv = {}): Promise<Synthesized> {
  const abs = path.resolve(outdir);
  mkdirSync(abs, { recursive: true });
  await step(process.execPath, [COMPILED_MAIN], { cwd: abs, env: { CHECKPOINT_DISABLE: '1', ...env, CDKTF_OUTDIR: abs } });
  const stackDir = path.join(abs, 'stacks', EXAMPLE_STACK);
  const file = path.join(stackDir, 'cdk.tf.json');
  if (!existsSync(file)) throw new Error(`the example ran but wrote no ${file}`);
  return { outdir: abs, stackDir, file };
}

runAsMain(import.meta.url, 'cdktf:synth', async (argv) => {
  const f = readFlags(argv, { out: { type: 'string' } }, 'npm run cdktf:synth [-- --out <dir>]');
  await compileExample();
  const r = await synthExample(f.out);
  process.stdout.write(`synthesized ${path.relative(process.cwd(), r.file)}\nthen: cd ${path.relative(process.cwd(), r.stackDir)} && terraform init && terraform apply\n`);
});
