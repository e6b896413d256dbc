/**
 * Baseline (a), the v1 way: a plain HAProxy daemon (no master) restarted for
 * every change with `haproxy -f cfg -p pid -sf $(cat pid)`, as neutron-lbaas's
 * v1 haproxy driver did, and without `-x` (nothing hands the listening
 * sockets over). The new process binds its own listener beside the old one
 * (SO_REUSEPORT), then tells the old one to finish; the old one closes its
 * listener, and connections the kernel had already queued on it (handshake
 * done, not yet accepted) are reset. That is the reload race this baseline
 * is here to show.
 */
import { readFileSync } from 'node:fs';
import { run } from '../../agent/exec/run.js';
import type { ChangeOutcome, Vip } from './agent-pool.js';
import { BaselineHaproxy, START_TIMEOUT_MS, v1Config } from './baseline.js';
import type { PoolState } from './plan.js';

export class NaiveHaproxy extends BaselineHaproxy {
  /** Restarts that produced a new serving process (its pid in the pid file changed). */
  private restartCount = 0;

  private constructor(ports: readonly number[], vip: Vip) {
    super('lbaas-bench-naive-', v1Config, ports, vip);
  }

  static async start(s: PoolState, ports: readonly number[], vip: Vip): Promise<NaiveHaproxy> {
    const h = new NaiveHaproxy(ports, vip);
    const o = await h.apply(s);
    if (!o.live) {
      await h.stop();
      throw new Error(`naive HAProxy did not start: ${o.error}`);
    }
    return h;
  }

  private currentPids(): number[] {
    try {
      return readFileSync(this.pidFile, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }

  /** Latency: until the new process has bound and the old one was told to finish (the command returns). */
  async apply(s: PoolState): Promise<ChangeOutcome> {
    const t0 = performance.now();
    if (this.stopped) return { latencyMs: 0, live: false, error: 'stopped' };
    try {
      this.write(s);
      const old = this.currentPids();
      await run('haproxy', ['-f', this.cfg, '-p', this.pidFile, ...(old.length ? ['-sf', ...old.map(String)] : [])], { timeoutMs: START_TIMEOUT_MS });
      if (this.currentPids().some((p) => !old.includes(p))) this.restartCount++;
      return { latencyMs: performance.now() - t0, live: true };
    } catch (err) {
      return { latencyMs: performance.now() - t0, live: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async reloads(): Promise<number> {
    return this.restartCount;
  }
}
