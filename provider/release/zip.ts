/**
 * A provider package: a zip holding the executable at its top level, mode
 * 0755 (Terraform keeps the zip's Unix mode when it unpacks, and runs the
 * file), with a fixed timestamp so the same executable always gives the
 * same zip and the same zh: hash. yazl writes it: a small, long-kept zip
 * writer that streams through node:zlib (no 100 MB buffer copies) and sets
 * mode and mtime per entry.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ZipFile } from 'yazl';

/** 1980-01-01, the earliest time a zip header can hold: nothing about the build leaks into the package. */
const FIXED_MTIME = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export interface ZipEntry {
  /** Path of the file on disk. */
  file: string;
  /** Name inside the zip. */
  name: string;
  mode: number;
}

export function writeZip(out: string, entries: readonly ZipEntry[]): Promise<void> {
  mkdirSync(path.dirname(out), { recursive: true });
  const zip = new ZipFile();
  for (const e of entries) zip.addFile(e.file, e.name, { mtime: FIXED_MTIME, mode: 0o100000 | e.mode, compress: true, forceZip64Format: false });
  return new Promise((resolve, reject) => {
    const sink = createWriteStream(out);
    sink.on('error', reject).on('close', () => resolve());
    zip.outputStream.on('error', reject).pipe(sink);
    zip.end();
  });
}
