/**
 * `npm run provider:release` as Terraform and OpenTofu consume it: the
 * release's mirror tree as a packed filesystem mirror and as a network
 * mirror over HTTPS. `init` installs the single executable and records its
 * h1 in .terraform.lock.hcl, a second `init` verifies it (and a wrong hash
 * makes it fail), and `providers lock` against the network mirror checks
 * every released platform's zip — linux_arm64 included — against the hashes
 * the mirror lists.
 */
import test from 'ava';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXECUTABLE_NAME } from '../../../provider/build/executable.js';
import { nodeBinary } from '../../../provider/build/node-binary.js';
import { hostPlatform, platform } from '../../../provider/build/platform.js';
import { mirrorProviderDir } from '../../../provider/release/mirror.js';
import { type Release, release } from '../../../provider/release/release.js';
import { PROVIDER_HOST, PROVIDER_SOURCE, PROVIDER_VERSION } from '../../../provider/lbaas/version.js';
import { type CliName } from '../cli.js';
import { type MirrorServer, serveMirror } from '../mirror-server.js';
import { defineSuite } from '../suite.js';
import type { Workdir } from '../workdir.js';

const CONFIG = `terraform {\n  required_providers {\n    lbaas = { source = "${PROVIDER_SOURCE}", version = "${PROVIDER_VERSION}" }\n  }\n}\n`;
const ARM64 = 'linux_arm64';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function cliConfig(source: string): string {
  return `provider_installation {\n  ${source}\n  direct {\n    exclude = ["${PROVIDER_HOST}/*/*"]\n  }\n}\n`;
}

/** The hashes the lock file records for lbaas. */
function lockedHashes(w: Workdir): string[] {
  const lock = readFileSync(path.join(w.dir, '.terraform.lock.hcl'), 'utf8');
  const block = lock.slice(lock.indexOf(`provider "${PROVIDER_SOURCE}"`));
  return [...block.slice(0, block.indexOf('\n}')).matchAll(/"((?:h1|zh):[^"]+)"/g)].map((m) => m[1]!).sort();
}

export async function releaseSuite(name: CliName): Promise<void> {
  const host = hostPlatform().name;
  // The arm64 Node binary comes from the npm registry: without it, the release is host-only and says so.
  const arm64Missing = host === ARM64 ? undefined : await nodeBinary(platform(ARM64)).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)));
  const platforms = arm64Missing ? [host] : [...new Set([host, ARM64])];
  if (arm64Missing) test.skip(`${name}: linux_arm64 package (${arm64Missing})`, () => {});

  defineSuite(name, { agent: false }, (s) => {
    let r: Release;
    let server: MirrorServer;
    let out: string;
    test.before(async () => {
      out = mkdtempSync(path.join(tmpdir(), 'lbaas-release-'));
      r = await release({ out, platforms });
      server = await serveMirror(r.mirror);
    });
    test.after.always(async () => {
      await server?.close();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    const init = (w: Workdir, rc: string, env: NodeJS.ProcessEnv = {}) => w.run(['init', '-no-color', '-input=false'], { env: { TF_CLI_CONFIG_FILE: rc, ...env } });
    const installed = (w: Workdir) => path.join(w.dir, '.terraform', 'providers', ...PROVIDER_SOURCE.split('/'), PROVIDER_VERSION, host, EXECUTABLE_NAME);
    const hostPackage = () => r.packages.find((p) => p.platform === host)!;

    s.test('release: SHA256SUMS, manifest and mirror documents describe the zips', async (t) => {
      const sums = readFileSync(r.sha256sums, 'utf8').trim().split('\n').map((l) => l.split(/ {2}/));
      t.deepEqual(sums.map(([, f]) => f).sort(), [...r.packages.map((p) => p.zipName), path.basename(r.manifest)].sort());
      for (const [hex = '', f = ''] of sums) t.is(sha256(path.join(r.out, f)), hex, f);
      t.deepEqual(JSON.parse(readFileSync(r.manifest, 'utf8')), { version: 1, metadata: { protocol_versions: ['6.0'] } });
      const dir = mirrorProviderDir(r.mirror);
      t.deepEqual(JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')), { versions: { [PROVIDER_VERSION]: {} } });
      const doc = JSON.parse(readFileSync(path.join(dir, `${PROVIDER_VERSION}.json`), 'utf8')) as { archives: Record<string, { url: string; hashes: string[] }> };
      t.deepEqual(Object.keys(doc.archives).sort(), [...platforms].sort());
      for (const p of r.packages) {
        t.deepEqual(doc.archives[p.platform], { url: p.zipName, hashes: [p.h1] });
        t.is(sha256(path.join(dir, p.zipName)), p.zh.slice(3), `the packed mirror's ${p.zipName} is the released zip`);
        t.regex(p.zipName, new RegExp(`^terraform-provider-lbaas_${PROVIDER_VERSION}_${p.platform}\\.zip$`));
      }
    });

    s.test('filesystem mirror (packed layout): init locks h1, a second init verifies it, a wrong hash fails', async (t) => {
      const w = s.workdir();
      w.write('main.tf', CONFIG);
      const rc = path.join(w.root, 'fs.tfrc');
      writeFileSync(rc, cliConfig(`filesystem_mirror {\n    path    = ${JSON.stringify(r.mirror)}\n    include = ["${PROVIDER_HOST}/*/*"]\n  }`));
      const first = await init(w, rc);
      t.is(first.code, 0, first.out);
      t.deepEqual(lockedHashes(w), [hostPackage().h1]);
      t.is(statSync(installed(w)).mode & 0o777, 0o755, 'unpacked executable keeps mode 0755');
      // The h1 Terraform computed from what it unpacked is ours; the file it runs is an ELF, not a node script.
      t.is(readFileSync(installed(w)).subarray(0, 4).toString('latin1'), '\x7fELF');
      rmSync(path.join(w.dir, '.terraform'), { recursive: true, force: true });
      const again = await init(w, rc);
      t.is(again.code, 0, again.out);
      t.deepEqual(lockedHashes(w), [hostPackage().h1]);
      const lock = path.join(w.dir, '.terraform.lock.hcl');
      const wrong = `h1:${createHash('sha256').update('not the provider').digest('base64')}`;
      writeFileSync(lock, readFileSync(lock, 'utf8').replace(hostPackage().h1, wrong));
      rmSync(path.join(w.dir, '.terraform'), { recursive: true, force: true });
      const tampered = await init(w, rc);
      t.not(tampered.code, 0, tampered.out);
      t.regex(tampered.out.replace(/\s+/g, ' '), /checksums? (previously recorded|recorded) in the dependency lock file/);
    });

    s.test('network mirror over HTTPS: init locks h1, a second init verifies it; providers lock checks every platform', async (t) => {
      const w = s.workdir();
      w.write('main.tf', CONFIG);
      const rc = path.join(w.root, 'net.tfrc');
      writeFileSync(rc, cliConfig(`network_mirror {\n    url     = "${server.url}"\n    include = ["${PROVIDER_HOST}/*/*"]\n  }`));
      const first = await init(w, rc, server.env);
      t.is(first.code, 0, first.out);
      t.deepEqual(lockedHashes(w), [hostPackage().h1]);
      t.true(server.requests.includes(`/${PROVIDER_SOURCE}/${hostPackage().zipName}`), server.requests.join(' '));
      rmSync(path.join(w.dir, '.terraform'), { recursive: true, force: true });
      const again = await init(w, rc, server.env);
      t.is(again.code, 0, again.out);
      // Every released zip downloaded and checked against the mirror's h1, then locked.
      rmSync(path.join(w.dir, '.terraform.lock.hcl'));
      const lock = await w.run(['providers', 'lock', '-no-color', `-net-mirror=${server.url}`, ...platforms.map((p) => `-platform=${p}`)], { env: { TF_CLI_CONFIG_FILE: rc, ...server.env } });
      t.is(lock.code, 0, lock.out);
      t.deepEqual(lockedHashes(w), r.packages.map((p) => p.h1).sort());
      // Without the CA the mirror is not trusted: the hashes come only from a verified server.
      rmSync(path.join(w.dir, '.terraform'), { recursive: true, force: true });
      const untrusted = await init(w, rc, { SSL_CERT_FILE: path.join(w.root, 'no-such-ca.pem') });
      t.not(untrusted.code, 0, untrusted.out);
    });
  });
}
