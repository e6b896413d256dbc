/**
 * Distribution: the provider installed into a mirror is found by `init`
 * (offline), its `--print-schema` output is exactly what `providers schema
 * -json` prints, and dev_overrides works with the same bundled file.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { writeFileSync } from 'node:fs';
import { EXAMPLES_DIR } from '../../../provider/docs/examples.js';
import { providerSchemaJson } from '../../../provider/lbaas/tfschema/json.js';
import { PROVIDER_SOURCE, PROVIDER_VERSION } from '../../../provider/lbaas/version.js';
import { type CliName } from '../cli.js';
import { defineSuite } from '../suite.js';

const HEADER = `terraform {\n  required_providers {\n    lbaas = { source = "${PROVIDER_SOURCE}" }\n  }\n}\n`;

export function schemaSuite(name: CliName): void {
  defineSuite(name, { agent: false }, (s) => {
    s.test('init installs the provider from the mirror; providers schema -json equals --print-schema', async (t) => {
      const w = s.workdir();
      w.write('main.tf', `${HEADER}provider "lbaas" {}\ndata "lbaas_agent" "this" {}\n`);
      const init = await w.init();
      t.regex(init.out, new RegExp(`Installing ${PROVIDER_SOURCE.replace(/\./g, '\\.')} v${PROVIDER_VERSION}`));
      const r = await w.ok(['providers', 'schema', '-json']);
      const fromCli = JSON.parse(r.stdout) as Record<string, unknown>;
      t.deepEqual(fromCli, providerSchemaJson());
      const platformDir = path.join(s.mirror, ...PROVIDER_SOURCE.split('/'), PROVIDER_VERSION);
      const [platform] = readdirSync(platformDir);
      const exe = path.join(platformDir, platform!, `terraform-provider-lbaas_v${PROVIDER_VERSION}`);
      // The single executable, not a script for node; and terraform ran it on a PATH without node.
      t.is(readFileSync(exe).subarray(0, 4).toString('latin1'), '\x7fELF');
      t.false((w.env.PATH ?? '').split(':').some((d) => existsSync(path.join(d, 'node'))), `PATH still has node: ${w.env.PATH}`);
      const printed = await promisify(execFile)(exe, ['--print-schema'], { env: { PATH: '' } });
      t.deepEqual(JSON.parse(printed.stdout), fromCli);
    });

    s.test('the documentation examples (examples/provider, resources, data-sources) are one configuration that validates', async (t) => {
      const w = s.workdir();
      const files = [
        path.join(EXAMPLES_DIR, 'provider', 'provider.tf'),
        ...['resources', 'data-sources'].flatMap((kind) =>
          readdirSync(path.join(EXAMPLES_DIR, kind)).map((name) => path.join(EXAMPLES_DIR, kind, name, kind === 'resources' ? 'resource.tf' : 'data-source.tf')),
        ),
      ];
      t.true(files.length >= 7);
      w.write('main.tf', `${HEADER}${files.map((f) => readFileSync(f, 'utf8')).join('\n')}`);
      await w.init();
      const r = await w.run(['validate', '-no-color']);
      t.is(r.code, 0, r.out);
    });

    s.test('dev_overrides: the bundled file works without init', async (t) => {
      const w = s.workdir();
      const platformDir = path.join(s.mirror, ...PROVIDER_SOURCE.split('/'), PROVIDER_VERSION);
      const [platform] = readdirSync(platformDir);
      const rc = path.join(w.root, 'dev.tfrc');
      writeFileSync(rc, `provider_installation {\n  dev_overrides {\n    "${PROVIDER_SOURCE}" = "${path.join(platformDir, platform!)}"\n  }\n  direct {}\n}\n`);
      w.write('main.tf', `${HEADER}provider "lbaas" {}\nresource "lbaas_health_monitor" "m" {\n  type        = "TCP"\n  delay       = 2\n  timeout     = 3\n  max_retries = 2\n}\n`);
      const r = await w.run(['validate', '-no-color'], { env: { TF_CLI_CONFIG_FILE: rc } });
      t.is(r.code, 1, r.out);
      t.regex(r.out, /Provider development overrides are in effect/);
      t.regex(r.out, /timeout must be at most delay \(2\)/);
    });
  });
}
