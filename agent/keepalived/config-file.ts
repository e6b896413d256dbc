/**
 * keepalived.conf on disk, like haproxy.cfg: render → stage
 * `keepalived.conf.new` (0600) → `keepalived -t` inside the pool namespace
 * (it checks that the interfaces exist there) → keep `.failed` on error →
 * atomic rename. A rejected config never reaches the running process.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../exec/run.js';
import type { KeepalivedPaths } from '../paths.js';
import { KeepalivedError } from './errors.js';

/** `keepalived -t` parses a small file in milliseconds; this bounds a wedged binary. */
const CHECK_TIMEOUT_MS = 10_000;

export function readKeepalivedConfig(p: KeepalivedPaths): string | undefined {
  try {
    return readFileSync(p.config, 'utf8');
  } catch {
    return undefined;
  }
}

export async function checkAndInstallKeepalived(p: KeepalivedPaths, netns: string, text: string): Promise<void> {
  mkdirSync(path.dirname(p.config), { recursive: true, mode: 0o700 });
  writeFileSync(p.staged, text, { mode: 0o600 });
  const r = await run('keepalived', ['-t', '-f', p.staged], { netns, reject: false, timeoutMs: CHECK_TIMEOUT_MS });
  if (r.exitCode !== 0) {
    renameSync(p.staged, p.failed);
    const why = `${r.stderr}\n${r.stdout}`
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(-5)
      .join(' | ');
    throw new KeepalivedError('KEEPALIVED_CONFIG_REJECTED', `keepalived -t rejected the configuration: ${why || `exit ${r.exitCode}`}`);
  }
  renameSync(p.staged, p.config);
}
