/**
 * What the two baselines (naive `-sf` restart, plain master-worker reload)
 * share: the same pool as the agent's, rendered by the agent's own renderer
 * with the agent's reload extras taken out, written atomically into a temp
 * directory of their own; and a stop that ends every process still running
 * that config (the current one and old ones finishing), by pid.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../../agent/exec/run.js';
import type { MonitorModel, PoolModel } from '../../agent/haproxy/model.js';
import { renderConfig } from '../../agent/haproxy/render.js';
import { findPids } from '../support/proc.js';
import type { ChangeOutcome, Vip } from './agent-pool.js';
import { TCP_MONITOR, type PoolState } from './plan.js';

/** A start, restart or reload parses the config and binds: milliseconds; this bounds a wedged binary. */
export const START_TIMEOUT_MS = 10_000;
/** Old processes get SIGTERM at stop, then SIGKILL after this. */
const STOP_GRACE_MS = 3_000;

/** The same pool as the agent's, from the same state (server names are backend indexes). */
export function baselineModel(s: PoolState, ports: readonly number[], vip: Vip): PoolModel {
  const monitors: MonitorModel[] = [
    { id: 'hm-http', type: 'HTTP', delay: s.http.delay, timeout: s.http.timeout, max_retries: s.http.maxRetries, http_method: 'GET', url_path: '/', expected_codes: s.http.expectedCodes },
  ];
  if (s.tcpAttached) {
    const t = TCP_MONITOR;
    monitors.push({ id: 'hm-tcp', type: 'TCP', delay: t.delay, timeout: t.timeout, max_retries: t.maxRetries, http_method: null, url_path: null, expected_codes: null });
  }
  return {
    poolId: 'baseline-pool',
    protocol: 'HTTP',
    lbMethod: 'ROUND_ROBIN',
    adminUp: true,
    vip: { id: 'baseline-vip', address: vip.address, port: vip.port, connectionLimit: -1, persistence: null, adminUp: true },
    monitors,
    servers: [...s.members]
      .sort(([a], [b]) => a - b)
      .map(([b, m]) => ({ id: `backend-${b}`, address: '127.0.0.1', port: ports[b]!, weight: m.weight, adminUp: m.adminUp, backup: false })),
  };
}

/**
 * The agent's config without its reload extras: no server-state file, no
 * `idle-close-on-response`, no `expose-fd listeners` (in master-worker mode
 * HAProxy 2.6 passes the listeners to the new worker over its own socketpair
 * anyway: checked, the listening socket's inode survives a reload without it).
 */
export function plainConfig(agentConfig: string): string {
  return agentConfig
    .split('\n')
    .filter((l) => !/^\s*(server-state-file|load-server-state-from-file|option idle-close-on-response)\b/.test(l))
    .map((l) => l.replace(' expose-fd listeners', ''))
    .join('\n');
}

/** The v1 process model on top: a plain daemon, no master. */
export function v1Config(agentConfig: string): string {
  return plainConfig(agentConfig)
    .split('\n')
    .map((l) => (l.trim() === 'master-worker' ? '    daemon' : l))
    .join('\n');
}

export abstract class BaselineHaproxy {
  readonly dir: string;
  readonly cfg: string;
  readonly pidFile: string;
  /** After stop() (say, on Ctrl-C while changes are still being applied) nothing starts again. */
  protected stopped = false;

  protected constructor(
    prefix: string,
    private readonly render: (agentConfig: string) => string,
    protected readonly ports: readonly number[],
    protected readonly vip: Vip,
  ) {
    this.dir = mkdtempSync(path.join(tmpdir(), prefix));
    this.cfg = path.join(this.dir, 'haproxy.cfg');
    this.pidFile = path.join(this.dir, 'haproxy.pid');
  }

  protected write(s: PoolState): void {
    const paths = { adminSocket: path.join(this.dir, 'stats.sock'), serverState: path.join(this.dir, 'unused') };
    writeFileSync(`${this.cfg}.new`, this.render(renderConfig(baselineModel(s, this.ports, this.vip), paths)), { mode: 0o600 });
    renameSync(`${this.cfg}.new`, this.cfg);
  }

  /** Rewrite the config for `s` and make it live this baseline's way. */
  abstract apply(s: PoolState): Promise<ChangeOutcome>;

  /** Reloads or restarts done so far that produced a new serving process. */
  abstract reloads(): Promise<number | undefined>;

  /** Processes running our config (the current ones and old ones still finishing). */
  running(): number[] {
    return findPids((argv) => (argv[0] ?? '').endsWith('haproxy') && argv.includes(this.cfg));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const signal = (pids: number[], sig: NodeJS.Signals) => {
      for (const p of pids) {
        try {
          process.kill(p, sig);
        } catch {
          // exited meanwhile
        }
      }
    };
    signal(this.running(), 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (this.running().length && Date.now() < deadline) await sleep(50);
    signal(this.running(), 'SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Wall times of `haproxy -c` on the current config: what one parse of this pool's config costs on
   * this host right now. An agent reload parses it twice (the check, then the master's re-exec).
   */
  async checkTimes(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await run('haproxy', ['-c', '-q', '-f', this.cfg], { timeoutMs: START_TIMEOUT_MS });
      out.push(performance.now() - t0);
    }
    return out;
  }
}
