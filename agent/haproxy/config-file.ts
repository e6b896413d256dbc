/**
 * Config files on disk: render → stage `haproxy.cfg.new` (0600) → `haproxy -c`
 * → atomic rename. A rejected config is kept as `haproxy.cfg.failed` for
 * inspection and never reaches the running process.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { run } from '../exec/run.js';
import type { PoolPaths } from '../paths.js';

export class ConfigRejectedError extends Error {
  readonly code = 'CONFIG_REJECTED';
  constructor(readonly output: string, options?: { cause?: unknown }) {
    super(`haproxy -c rejected the configuration: ${output}`, options);
  }
}

/** haproxy -c on a large config takes tens of ms; this bounds a wedged binary. */
const CHECK_TIMEOUT_MS = 10_000;

export function ensurePoolDir(p: PoolPaths): void {
  mkdirSync(p.dir, { recursive: true, mode: 0o700 });
  // The state file must exist and carry its format version, or every start warns.
  if (!existsSync(p.serverState)) writeFileSync(p.serverState, '1\n', { mode: 0o600 });
}

export function readConfig(p: PoolPaths): string | undefined {
  try {
    return readFileSync(p.config, 'utf8');
  } catch {
    return undefined;
  }
}

/** Validate `text` with `haproxy -c` and, when valid, make it the config. */
export async function checkAndInstall(p: PoolPaths, text: string): Promise<void> {
  ensurePoolDir(p);
  writeFileSync(p.staged, text, { mode: 0o600 });
  const r = await run('haproxy', ['-c', '-f', p.staged], { reject: false, timeoutMs: CHECK_TIMEOUT_MS });
  if (r.exitCode !== 0) {
    renameSync(p.staged, p.failed);
    const lines = `${r.stderr}\n${r.stdout}`
      .split('\n')
      .filter((l) => /ALERT|error|Error/.test(l))
      .map((l) => l.replace(/^\[[A-Z]+\]\s+\(\d+\)\s*:\s*/, '').trim());
    throw new ConfigRejectedError(lines.join(' | ') || `exit ${r.exitCode}`);
  }
  renameSync(p.staged, p.config);
}

/** Atomically replace the config with text that differs from the checked one only in runtime values. */
export function installRuntimeEquivalent(p: PoolPaths, text: string): void {
  ensurePoolDir(p);
  writeFileSync(p.staged, text, { mode: 0o600 });
  renameSync(p.staged, p.config);
}
