/**
 * A provider release in the shape HashiCorp's release tooling and the
 * Registry use, plus a mirror tree:
 *
 *   <out>/terraform-provider-lbaas_<version>_<os>_<arch>.zip   (holds terraform-provider-lbaas_v<version>)
 *   <out>/terraform-provider-lbaas_<version>_manifest.json     (plugin protocol versions)
 *   <out>/terraform-provider-lbaas_<version>_SHA256SUMS        (zips and manifest)
 *   <out>/mirror/…                                             (see mirror.ts)
 *
 * SHA256SUMS is not signed: there is no release key here.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXECUTABLE_NAME, providerExecutable } from '../build/executable.js';
import { nodeBinary } from '../build/node-binary.js';
import { RELEASE_DIR } from '../build/paths.js';
import { platform, RELEASE_PLATFORMS } from '../build/platform.js';
import { PROVIDER_TYPE, PROVIDER_VERSION } from '../lbaas/version.js';
import { dirHash1, sha256File, zipHash } from './hashes.js';
import { writeMirror } from './mirror.js';
import { writeZip } from './zip.js';

export interface ReleaseOptions {
  /** Output directory (default dist/release); replaced. */
  out?: string;
  /** Terraform platforms (default linux_amd64 and linux_arm64). */
  platforms?: readonly string[];
  /** Leave out a platform whose Node binary cannot be had (the npm registry unreachable) instead of failing. */
  skipUnavailable?: boolean;
}

export interface ReleasedPackage {
  platform: string;
  zip: string;
  zipName: string;
  h1: string;
  zh: string;
  /** Where the executable's Node came from. */
  node: string;
}

export interface Release {
  out: string;
  version: string;
  packages: ReleasedPackage[];
  sha256sums: string;
  manifest: string;
  /** Root of the mirror tree (filesystem_mirror path / network_mirror URL root). */
  mirror: string;
  /** Platforms left out by skipUnavailable, and why. */
  skipped: { platform: string; reason: string }[];
}

/** What the Registry reads from a release: the protocol the executable speaks. */
const MANIFEST = { version: 1, metadata: { protocol_versions: ['6.0'] } };

const prefix = `terraform-provider-${PROVIDER_TYPE}_${PROVIDER_VERSION}`;

export async function release(o: ReleaseOptions = {}): Promise<Release> {
  const out = path.resolve(o.out ?? RELEASE_DIR);
  const platforms = (o.platforms ?? RELEASE_PLATFORMS).map(platform);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const packages: ReleasedPackage[] = [];
  const skipped: Release['skipped'] = [];
  // One at a time: each build holds a ~100 MB binary in memory.
  for (const p of platforms) {
    if (o.skipUnavailable) {
      const reason = await nodeBinary(p).then(() => undefined, (e: unknown) => (e instanceof Error ? e.message : String(e)));
      if (reason) {
        skipped.push({ platform: p.name, reason });
        continue;
      }
    }
    const exe = await providerExecutable(p);
    const zipName = `${prefix}_${p.name}.zip`;
    const zip = path.join(out, zipName);
    await writeZip(zip, [{ file: exe.file, name: EXECUTABLE_NAME, mode: 0o755 }]);
    const h1 = dirHash1([{ name: EXECUTABLE_NAME, sha256: await sha256File(exe.file) }]);
    packages.push({ platform: p.name, zip, zipName, h1, zh: zipHash(await sha256File(zip)), node: exe.node });
  }
  const manifest = path.join(out, `${prefix}_manifest.json`);
  writeFileSync(manifest, `${JSON.stringify(MANIFEST, null, 2)}\n`);
  const sums = [...packages.map((p) => ({ name: p.zipName, hex: p.zh.slice(3) })), { name: path.basename(manifest), hex: (await sha256File(manifest)).toString('hex') }]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((s) => `${s.hex}  ${s.name}\n`)
    .join('');
  const sha256sums = path.join(out, `${prefix}_SHA256SUMS`);
  writeFileSync(sha256sums, sums);
  const mirror = path.join(out, 'mirror');
  writeMirror(mirror, PROVIDER_VERSION, packages.map((p) => ({ platform: p.platform, zip: p.zip, zipName: p.zipName, hashes: [p.h1] })));
  return { out, version: PROVIDER_VERSION, packages, sha256sums, manifest, mirror, skipped };
}
