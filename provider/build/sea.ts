/**
 * The provider as one executable that needs no Node.js where it runs: a
 * Node 20 single executable application. The esbuild bundle becomes a SEA
 * preparation blob (`node --experimental-sea-config`), which postject (the
 * injector Node's documentation names) writes into a copy of a Node binary
 * for the target platform, flipping the SEA sentinel fuse. On Linux nothing
 * has to be re-signed.
 *
 * The V8 code cache is embedded only when the target is this host's
 * platform: it is produced by this process's V8 and is of no use (rejected,
 * then compiled anyway) on another architecture.
 */
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../agent/exec/run.js';
import { type NodeBinary, SEA_FUSE } from './node-binary.js';

/** postject rewrites a ~100 MB ELF in WebAssembly: seconds, a minute on a busy host. */
const INJECT_TIMEOUT_MS = 300_000;
/** The resource name Node looks the blob up by. */
const BLOB_RESOURCE = 'NODE_SEA_BLOB';

export interface SeaOptions {
  /** The Node binary of the target platform (see nodeBinary()). */
  node: NodeBinary;
  outfile: string;
  /** Embed V8's code cache (only for this host's architecture). */
  codeCache: boolean;
  /** The CommonJS bundle to embed (see bundle()). */
  main: string;
}

export async function buildSea(o: SeaOptions): Promise<string> {
  if (o.node.version !== process.versions.node) {
    throw new Error(`the SEA blob is made by Node ${process.versions.node} and must go into the same version, not ${o.node.version} (${o.node.file})`);
  }
  const work = mkdtempSync(path.join(tmpdir(), 'lbaas-sea-'));
  try {
    const blob = path.join(work, 'sea.blob');
    const config = path.join(work, 'sea-config.json');
    writeFileSync(config, JSON.stringify({ main: o.main, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: o.codeCache }));
    await run(process.execPath, ['--experimental-sea-config', config], { timeoutMs: INJECT_TIMEOUT_MS });
    mkdirSync(path.dirname(o.outfile), { recursive: true });
    rmSync(o.outfile, { force: true });
    copyFileSync(o.node.file, o.outfile);
    chmodSync(o.outfile, 0o755);
    const postject = path.join(path.dirname(createRequire(import.meta.url).resolve('postject')), 'cli.js');
    await run(process.execPath, [postject, o.outfile, BLOB_RESOURCE, blob, '--sentinel-fuse', SEA_FUSE], { timeoutMs: INJECT_TIMEOUT_MS });
    return o.outfile;
  } catch (e) {
    rmSync(o.outfile, { force: true });
    throw e;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
