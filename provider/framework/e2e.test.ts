/**
 * The framework end to end with the real terraform CLI (dev_overrides, no
 * registry): plan, apply, no-op plan, in-place update, replacement, drift,
 * import, validation errors, destroy — against the bundled test provider,
 * whose objects live in a JSON file.
 */
import anyTest from 'ava';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gate } from '../../test/harness/requires.js';
import { findCli, missingMessage } from '../../test/terraform/cli.js';
import { buildTestProvider, TEST_PROVIDER_SOURCE } from './testdata/build.js';

const found = findCli('terraform');
const TERRAFORM = found ?? 'terraform';
const test = gate(anyTest, found ? [] : [missingMessage('terraform')]);

let root: string;
let work: string;
let store: string;
let env: NodeJS.ProcessEnv;

test.before(async () => {
  root = mkdtempSync(join(tmpdir(), 'lbaas-e2e-'));
  const plugins = join(root, 'plugins');
  work = join(root, 'work');
  mkdirSync(plugins);
  mkdirSync(work);
  store = join(root, 'store.json');
  await buildTestProvider(plugins);
  const rc = join(root, 'terraformrc');
  writeFileSync(rc, `provider_installation {\n  dev_overrides {\n    "${TEST_PROVIDER_SOURCE}" = "${plugins}"\n  }\n  direct {}\n}\n`);
  env = { ...process.env, TF_CLI_CONFIG_FILE: rc, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_LOG: '' };
});

test.after.always(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  ms: number;
}

function tf(...args: string[]): Promise<Run> {
  return tfWith({}, ...args);
}

function tfWith(extraEnv: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(TERRAFORM, [...args, '-no-color'], { cwd: work, env: { ...env, ...extraEnv }, timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}`, ms: performance.now() - started });
    });
  });
}

function config(a: { name?: string; zone?: string; mode?: string; extra?: string } = {}): void {
  writeFileSync(
    join(work, 'main.tf'),
    `terraform {
  required_providers {
    testfix = { source = "${TEST_PROVIDER_SOURCE}" }
  }
}
provider "testfix" {
  store = ${JSON.stringify(store)}
}
resource "testfix_thing" "a" {
  name   = ${JSON.stringify(a.name ?? 'alpha')}
  zone   = ${JSON.stringify(a.zone ?? 'z1')}
  tags   = { env = "dev" }
  labels = ["x", "y"]
  secret = "s3cret"
  options = { level = "high" }
  settings {
    mode = ${JSON.stringify(a.mode ?? 'a')}
  }
}
resource "testfix_thing" "b" {
  name = "beta-\${testfix_thing.a.id}"
  zone = "z1"
}
data "testfix_thing" "a" {
  id = testfix_thing.a.id
}
output "a_id" {
  value = testfix_thing.a.id
}
output "ds_name" {
  value = data.testfix_thing.a.name
}
${a.extra ?? ''}`,
  );
}

type Obj = Record<string, unknown>;
const things = () => (JSON.parse(readFileSync(store, 'utf8')) as { things: Record<string, Obj> }).things;

test.serial('validation errors point at the attribute', async (t) => {
  config({ mode: 'zzz' });
  let r = await tf('validate');
  t.is(r.code, 1, r.out);
  t.regex(r.out, /Invalid attribute value/);
  t.regex(r.out, /Expected one of "a", "b", got "zzz"/);
  t.regex(r.out, /mode\s+= "zzz"/, 'Terraform quotes the offending line');
  config({ name: 'forbidden' });
  r = await tf('validate');
  t.is(r.code, 1, r.out);
  t.regex(r.out, /Forbidden name/);
});

test.serial('plan, apply, and a second plan with no changes', async (t) => {
  config();
  let r = await tf('plan', '-input=false');
  t.is(r.code, 0, r.out);
  t.regex(r.out, /Plan: 2 to add, 0 to change, 0 to destroy/);
  t.regex(r.out, /secret\s+= \(sensitive value\)/);
  t.regex(r.out, /size\s+= 1/, 'default planned');
  t.regex(r.out, /address\s+= \(known after apply\)/);

  const logFile = join(root, 'apply.log');
  r = await tfWith({ TF_LOG: 'debug', TF_LOG_PATH: logFile }, 'apply', '-auto-approve', '-input=false');
  t.is(r.code, 0, r.out);
  t.log(`apply of 2 resources + 1 data source: ${Math.round(r.ms)} ms`);
  // Each provider process must end on Shutdown; otherwise go-plugin waits 2 s and kills it.
  const log = readFileSync(logFile, 'utf8');
  t.true((log.match(/plugin process exited/g) ?? []).length >= 3, 'several provider processes ran and exited');
  t.notRegex(log, /failed to exit gracefully|plugin process exited: .*error/);
  t.regex(r.out, /a_id = "thing-1"/);
  t.regex(r.out, /ds_name = "alpha"/);
  t.like(things()['thing-1'], { name: 'alpha', address: '10.0.0.1', revision: 1, size: 1, settings: { mode: 'a', port: 8080 }, meta: { owner: 'fixture' }, options: { level: 'high', color: 'blue' } });
  t.like(things()['thing-2'], { name: 'beta-thing-1' });

  r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 0, r.out);
  t.regex(r.out, /No changes/);
});

test.serial('in-place update keeps computed values and recomputes the volatile one', async (t) => {
  config({ name: 'alpha2' });
  let r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 2, r.out);
  t.regex(r.out, /testfix_thing\.a will be updated in-place/);
  t.regex(r.out, /revision\s+= 1 -> \(known after apply\)/);
  t.notRegex(r.out, /address|created_at/, 'computed values keep their prior value');
  r = await tf('apply', '-auto-approve');
  t.is(r.code, 0, r.out);
  t.like(things()['thing-1'], { name: 'alpha2', revision: 2, created_at: 'created-1', address: '10.0.0.1' });
  r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 0, r.out);
});

test.serial('a change to a requires-replace attribute replaces the object', async (t) => {
  config({ name: 'alpha2', zone: 'z2' });
  let r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 2, r.out);
  t.regex(r.out, /testfix_thing\.a must be replaced/);
  t.regex(r.out, /zone\s+= "z1" -> "z2" # forces replacement/);
  t.regex(r.out, /Plan: 1 to add, 1 to change, 1 to destroy/);
  r = await tf('apply', '-auto-approve');
  t.is(r.code, 0, r.out);
  t.regex(r.out, /a_id = "thing-3"/);
  t.is(things()['thing-1'], undefined);
  t.like(things()['thing-2'], { name: 'beta-thing-3', revision: 2 });
  r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 0, r.out);
});

test.serial('an object deleted outside Terraform is planned again', async (t) => {
  const s = JSON.parse(readFileSync(store, 'utf8')) as { things: Record<string, Obj> };
  delete s.things['thing-2'];
  writeFileSync(store, JSON.stringify(s));
  let r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 2, r.out);
  t.regex(r.out, /testfix_thing\.b (has been deleted|will be created)/);
  t.regex(r.out, /Plan: 1 to add, 0 to change, 0 to destroy/);
  r = await tf('apply', '-auto-approve');
  t.is(r.code, 0, r.out);
  r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 0, r.out);
});

test.serial('import by id, and import of a missing object', async (t) => {
  const id = Object.keys(things()).find((k) => things()[k]!.name === 'beta-thing-3')!;
  let r = await tf('state', 'rm', 'testfix_thing.b');
  t.is(r.code, 0, r.out);
  r = await tf('import', 'testfix_thing.b', id);
  t.is(r.code, 0, r.out);
  t.regex(r.out, /Import successful/);
  r = await tf('plan', '-detailed-exitcode');
  t.is(r.code, 0, `imported state matches the configuration:\n${r.out}`);

  config({ name: 'alpha2', zone: 'z2', extra: 'resource "testfix_thing" "c" {\n  name = "c"\n  zone = "z1"\n}\n' });
  r = await tf('import', 'testfix_thing.c', 'thing-404');
  t.is(r.code, 1, r.out);
  t.regex(r.out, /Cannot import non-existent remote object/);
  config({ name: 'alpha2', zone: 'z2' });
});

test.serial('destroy removes everything', async (t) => {
  const r = await tf('destroy', '-auto-approve');
  t.is(r.code, 0, r.out);
  t.regex(r.out, /Resources: 2 destroyed/);
  t.deepEqual(things(), {});
});
