/**
 * CDKTF end to end: regenerate the bindings from the provider schema with
 * @cdktf/provider-generator, compile and run examples/cdktf (CDKTF's App
 * writes cdk.tf.json), then real `terraform init` (provider from a mirror
 * with the freshly bundled provider) and `terraform validate` on that JSON.
 * The same JSON with two invalid values must fail validate, with the
 * diagnostics on those attributes: validate really ran our provider. (Both
 * on sibling members: Terraform does not validate what depends on a
 * resource that failed.)
 */
import anyTest from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_STACK, GENERATED_DIR } from '../../provider/cdktf/paths.js';
import { compileExample, synthExample, type Synthesized } from '../../provider/cdktf/synth.js';
import { HEADER } from '../../provider/cdktf/tree.js';
import { gate } from '../harness/requires.js';
import { findCli, missingMessage } from '../terraform/cli.js';
import { testMirror, Workdir } from '../terraform/workdir.js';

const GENERATE = fileURLToPath(new URL('../../provider/cdktf/generate.js', import.meta.url));

interface Diagnostic {
  severity: string;
  summary: string;
  detail: string;
  range?: { filename: string };
  snippet?: { context?: string; code: string };
}
interface ValidateJson {
  valid: boolean;
  error_count: number;
  warning_count: number;
  diagnostics: Diagnostic[];
}

type TfJson = { resource: Record<string, Record<string, Record<string, unknown>>> };

/** The generator in its own process, as `npm run cdktf:generate` runs it. */
function generate(): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [GENERATE], { timeout: 120_000 }, (err, stdout, stderr) => (err ? reject(new Error(`generate failed:\n${stdout}${stderr}`, { cause: err })) : resolve(stderr)));
  });
}

const found = findCli('terraform');
const terraform = found ?? 'terraform';
const test = gate(anyTest, found ? [] : [missingMessage('terraform')]);
const cleanups: (() => void)[] = [];
test.after.always(() => cleanups.forEach((c) => c()));

test.serial('cdktf: generated bindings → synth of examples/cdktf → terraform init + validate', async (t) => {
  const [log, mirror] = await Promise.all([generate(), testMirror()]);
  t.log(log.trim());
  const pool = readFileSync(path.join(GENERATED_DIR, 'providers', 'lbaas', 'pool', 'index.ts'), 'utf8');
  t.true(pool.startsWith(`// ${HEADER}\n`), 'generated files say so');
  t.regex(pool, /from 'cdktf'/);

  await compileExample();
  const outdir = mkdtempSync(path.join(tmpdir(), 'lbaas-cdktf-'));
  cleanups.push(() => rmSync(outdir, { recursive: true, force: true }));
  const synth: Synthesized = await synthExample(outdir);
  t.is(path.basename(synth.stackDir), EXAMPLE_STACK);

  const json = JSON.parse(readFileSync(synth.file, 'utf8')) as TfJson & { terraform: { required_providers: Record<string, { source: string }> } };
  t.is(json.terraform.required_providers.lbaas?.source, 'lbaas.local/lbaas/lbaas');
  t.deepEqual(Object.keys(json.resource).sort(), ['lbaas_health_monitor', 'lbaas_member', 'lbaas_pool', 'lbaas_vip']);
  t.is(Object.keys(json.resource.lbaas_member!).length, 3);
  const vip = Object.values(json.resource.lbaas_vip!)[0]!;
  t.deepEqual(vip.session_persistence, { type: 'HTTP_COOKIE' });
  t.is(Object.values(json.resource.lbaas_health_monitor!)[0]!.type, 'HTTP');

  const w = Workdir.create({ cli: terraform, mirror, from: synth.stackDir });
  cleanups.push(() => w.cleanup());
  await w.init();
  const ok = JSON.parse((await w.ok(['validate', '-json', '-no-color'])).stdout) as ValidateJson;
  t.true(ok.valid, JSON.stringify(ok.diagnostics, null, 2));
  t.is(ok.error_count, 0);
  t.is(ok.warning_count, 0, JSON.stringify(ok.diagnostics, null, 2));

  // Same stack, two values the agent would refuse: validate must say where.
  const bad = JSON.parse(readFileSync(synth.file, 'utf8')) as TfJson;
  Object.values(bad.resource.lbaas_member!)[0]!.weight = 300;
  Object.values(bad.resource.lbaas_member!)[2]!.protocol_port = 70000;
  w.write('cdk.tf.json', JSON.stringify(bad, null, 2));
  const r = await w.ok(['validate', '-json', '-no-color'], [1]);
  const res = JSON.parse(r.stdout) as ValidateJson;
  t.false(res.valid);
  const errors = res.diagnostics.filter((d) => d.severity === 'error');
  t.is(errors.length, 2, JSON.stringify(res.diagnostics, null, 2));
  const about = (re: RegExp) => errors.find((d) => re.test(`${d.summary} ${d.detail}`));
  const weight = about(/between 0 and 256/);
  const port = about(/between 1 and 65535/);
  t.truthy(weight, JSON.stringify(errors, null, 2));
  t.truthy(port, JSON.stringify(errors, null, 2));
  // Diagnostics on the attribute: Terraform points into the JSON at it.
  t.is(weight?.range?.filename, 'cdk.tf.json');
  t.regex(weight?.snippet?.code ?? '', /"weight": 300/);
  t.regex(port?.snippet?.code ?? '', /"protocol_port": 70000/);
});
