/**
 * The v1 way, for comparison: a plain HAProxy (daemon, not master-worker)
 * restarted for every change with `haproxy -f cfg -p pid -sf <old pids>`,
 * as neutron-lbaas's v1 haproxy driver did. The config is the agent's own
 * rendering of the same pool with only what makes reloads seamless taken
 * out (master-worker, `expose-fd listeners`, the server-state file), so the
 * data plane is the same and only the restart method differs.
 */
import { execa } from 'execa';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { MonitorModel, PoolModel } from '../../agent/haproxy/model.js';
import { renderConfig } from '../../agent/haproxy/render.js';
import { alive, argvOf } from '../support/proc.js';
import type { ChangeOutcome, Vip } from './agent-pool.js';
import { TCP_MONITOR, type PoolState } from './plan.js';

/** A restart parses the config and binds: milliseconds; this bounds a wedged binary. */
const RESTART_TIMEOUT_MS = 10_000;
/** Old processes get SIGTERM at cleanup, then SIGKILL after this. */
const STOP_GRACE_MS = 3_000;

/** The same pool as the agent's, from the same state (server names are backend indexes). */
export function naiveModel(s: PoolState, ports: readonly number[], vip: Vip): PoolModel {
  const monitors: MonitorModel[] = [
    {
      id: 'hm-http',
      type: 'HTTP',
      delay: s.http.delay,
      timeout: s.http.timeout,
      max_retries: s.http.maxRetries,
      http_method: 'GET',
      url_path: '/',
      expected_codes: s.http.expectedCodes,
    },
  ];
  if (s.tcpAttached) {
    const t = TCP_MONITOR;
    monitors.push({
      id: 'hm-tcp',
      type: 'TCP',
      delay: t.delay,
      timeout: t.timeout,
      max_retries: t.maxRetries,
      http_method: null,
      url_path: null,
      expected_codes: null,
    });
  }
  return {
    poolId: 'naive-pool',
    protocol: 'HTTP',
    lbMethod: 'ROUND_ROBIN',
    adminUp: true,
    vip: { id: 'naive-vip', address: vip.address, port: vip.port, connectionLimit: -1, persistence: null, adminUp: true },
    monitors,
    servers: [...s.members]
      .sort(([a], [b]) => a - b)
      .map(([b, m]) => ({ id: `backend-${b}`, address: '127.0.0.1', port: ports[b]!, weight: m.weight, adminUp: m.adminUp, backup: false })),
  };
}

/** The agent's config without what makes its reloads seamless. */
export function v1Style(agentConfig: string): string {
  return agentConfig
    .split('\n')
    .filter((l) => !/^\s*(server-state-file|load-server-state-from-file)\b/.test(l))
    .map((l) => (l.trim() === 'master-worker' ? '    daemon' : l.replace(' expose-fd listeners', '')))
    .join('\n');
}

export class NaiveHaproxy {
  /** Every pid that ever served, to stop those still finishing old connections at the end. */
  private readonly pids = new Set<number>();
  /** Restarts that produced a new serving process (its pid in the pid file changed). */
  private restartCount = 0;
  /** After stop() (say, on Ctrl-C while changes are still being applied) nothing starts again. */
  private stopped = false;
  private readonly cfg: string;
  private readonly pidFile: string;

  private constructor(private readonly dir: string) {
    this.cfg = path.join(dir, 'haproxy.cfg');
    this.pidFile = path.join(dir, 'haproxy.pid');
  }

  static async start(s: PoolState, ports: readonly number[], vip: Vip): Promise<NaiveHaproxy> {
    const h = new NaiveHaproxy(mkdtempSync(path.join(tmpdir(), 'lbaas-bench-naive-')));
    try {
      await h.restart(s, ports, vip);
    } catch (err) {
      await h.stop();
      throw err;
    }
    return h;
  }

  private write(s: PoolState, ports: readonly number[], vip: Vip): void {
    const sock = path.join(this.dir, 'stats.sock');
    const text = v1Style(renderConfig(naiveModel(s, ports, vip), { adminSocket: sock, serverState: path.join(this.dir, 'unused') }));
    writeFileSync(`${this.cfg}.new`, text, { mode: 0o600 });
    renameSync(`${this.cfg}.new`, this.cfg);
  }

  private currentPids(): number[] {
    try {
      return readFileSync(this.pidFile, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  /** Rewrite the config and restart the v1 way; the latency is until the new process has bound and the old one was told to finish. */
  async restart(s: PoolState, ports: readonly number[], vip: Vip): Promise<ChangeOutcome> {
    const t0 = performance.now();
    if (this.stopped) return { latencyMs: 0, live: false, error: 'stopped' };
    try {
      this.write(s, ports, vip);
      const old = this.currentPids();
      const args = ['-f', this.cfg, '-p', this.pidFile, ...(old.length ? ['-sf', ...old.map(String)] : [])];
      await execa('haproxy', args, { timeout: RESTART_TIMEOUT_MS, stdin: 'ignore' });
      const now = this.currentPids();
      if (now.some((p) => !old.includes(p))) this.restartCount++;
      for (const p of now) this.pids.add(p);
      return { latencyMs: performance.now() - t0, live: true };
    } catch (err) {
      return { latencyMs: performance.now() - t0, live: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  /**
   * Wall times of `haproxy -c` on the current config: what one parse of this pool's config costs on
   * this host right now. An agent reload parses it twice (the check, then the master's re-exec).
   */
  async checkTimes(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await execa('haproxy', ['-c', '-q', '-f', this.cfg], { timeout: RESTART_TIMEOUT_MS, stdin: 'ignore' });
      out.push(performance.now() - t0);
    }
    return out;
  }

  restarts(): number {
    return this.restartCount;
  }

  /** Processes still running our config (the current one and old ones still finishing). */
  running(): number[] {
    return [...this.pids].filter((p) => alive(p) && (argvOf(p) ?? []).includes(this.cfg));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const p of this.currentPids()) this.pids.add(p);
    for (const p of this.running()) process.kill(p, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (this.running().length && Date.now() < deadline) await sleep(50);
    for (const p of this.running()) process.kill(p, 'SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
