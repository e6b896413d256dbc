/**
 * The hashes Terraform checks a provider package against:
 *
 * - `zh:` — the legacy scheme: lowercase hex SHA-256 of the .zip file itself
 *   (what SHA256SUMS lists);
 * - `h1:` — golang.org/x/mod/sumdb/dirhash Hash1 of the package's contents:
 *   for every file, sorted by name (slash-separated, as in the zip), the
 *   line `<hex sha256 of the content>  <name>\n`; the SHA-256 of all those
 *   lines, base64 (standard alphabet, padded). A zip and the directory it
 *   unpacks to have the same h1, which is why lock files and mirrors use it.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface HashedFile {
  /** Slash-separated path inside the package. */
  name: string;
  sha256: Buffer;
}

export function sha256File(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => h.update(d))
      .on('error', reject)
      .on('end', () => resolve(h.digest()));
  });
}

export function zipHash(zipSha256: Buffer): string {
  return `zh:${zipSha256.toString('hex')}`;
}

export function dirHash1(files: readonly HashedFile[]): string {
  const names = files.map((f) => f.name);
  for (const n of names) if (n.includes('\n')) throw new Error(`dirhash: file name with a newline: ${JSON.stringify(n)}`);
  if (new Set(names).size !== names.length) throw new Error('dirhash: duplicate file names');
  // Go sorts with sort.Strings: byte order, which for these ASCII names is JS's default order.
  const summary = [...files]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => `${f.sha256.toString('hex')}  ${f.name}\n`)
    .join('');
  return `h1:${createHash('sha256').update(summary).digest('base64')}`;
}
