/**
 * The directory `terraform providers mirror <dir>` writes, and what a
 * provider network mirror serves (the same tree over HTTPS):
 *
 *   <dir>/<host>/<namespace>/<type>/index.json       {"versions": {"<version>": {}}}
 *   <dir>/<host>/<namespace>/<type>/<version>.json   {"archives": {"<os>_<arch>": {"url": "<zip>", "hashes": ["h1:…"]}}}
 *   <dir>/<host>/<namespace>/<type>/terraform-provider-<type>_<version>_<os>_<arch>.zip
 *
 * The zips beside the JSON are also Terraform's packed filesystem-mirror
 * layout, so one tree serves `filesystem_mirror` and `network_mirror`. The
 * `url`s are relative to the version document, as Terraform writes them.
 */
import { copyFileSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE } from '../lbaas/version.js';

export interface MirroredPackage {
  platform: string;
  zip: string;
  zipName: string;
  /** Hashes listed for it: h1 first (what lock files record). */
  hashes: string[];
}

/** <dir>/<host>/<namespace>/<type> */
export function mirrorProviderDir(dir: string): string {
  return path.join(dir, PROVIDER_HOST, PROVIDER_NAMESPACE, PROVIDER_TYPE);
}

export function writeMirror(dir: string, version: string, packages: readonly MirroredPackage[]): string {
  const pdir = mirrorProviderDir(dir);
  mkdirSync(pdir, { recursive: true });
  const archives: Record<string, { url: string; hashes: string[] }> = {};
  for (const p of [...packages].sort((a, b) => a.platform.localeCompare(b.platform))) {
    const target = path.join(pdir, p.zipName);
    rmSync(target, { force: true });
    // A hard link keeps one copy of a ~40 MB zip; across file systems, a copy.
    try {
      linkSync(p.zip, target);
    } catch {
      copyFileSync(p.zip, target);
    }
    archives[p.platform] = { url: p.zipName, hashes: p.hashes };
  }
  writeFileSync(path.join(pdir, 'index.json'), `${JSON.stringify({ versions: { [version]: {} } }, null, 2)}\n`);
  writeFileSync(path.join(pdir, `${version}.json`), `${JSON.stringify({ archives }, null, 2)}\n`);
  return pdir;
}
