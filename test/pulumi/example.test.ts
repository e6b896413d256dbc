/**
 * examples/pulumi/basic compiles with tsc, against the declarations of this
 * build (dist/pulumi/index.d.ts as `lbaas/pulumi`) and the SDK installed here,
 * so that no `npm install` in the example (nor the Pulumi CLI) is needed.
 */
import test from 'ava';
import { execa } from 'execa';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const EXAMPLE = path.join(ROOT, 'examples', 'pulumi', 'basic');

test('the basic example type-checks with tsc', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lbaas-example-tsc-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const tsconfig = path.join(dir, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: path.join(EXAMPLE, 'tsconfig.json'),
      compilerOptions: {
        noEmit: true,
        typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        paths: { 'lbaas/pulumi': [path.join(ROOT, 'dist', 'pulumi', 'index.d.ts')] },
      },
      files: [path.join(EXAMPLE, 'index.ts')],
    }),
  );
  const r = await execa('node', [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], { reject: false, all: true });
  t.is(r.exitCode, 0, r.all);
});
