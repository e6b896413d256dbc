/**
 * Baseline (b), plain master-worker: `haproxy -W -D` with a master CLI, each
 * change written to the config and applied with `reload` on the master
 * socket (what SIGUSR2 does). The listeners survive the reload (the master
 * hands them to the new worker), but none of the agent's extras are there:
 * no server-state file (health and runtime state start over), no
 * `idle-close-on-response` (an old worker closes idle keep-alive
 * connections under their clients).
 */
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../../agent/exec/run.js';
import { parseShowProc, type ProcInfo } from '../../agent/haproxy/process.js';
import { socketCommand } from '../../agent/haproxy/socket.js';
import type { ChangeOutcome, Vip } from './agent-pool.js';
import { BaselineHaproxy, plainConfig, START_TIMEOUT_MS } from './baseline.js';
import type { PoolState } from './plan.js';

/** Poll interval while waiting for the master to report its new worker. */
const POLL_MS = 10;

export class MasterWorkerHaproxy extends BaselineHaproxy {
  private readonly masterSocket: string;

  private constructor(ports: readonly number[], vip: Vip) {
    super('lbaas-bench-mw-', plainConfig, ports, vip);
    this.masterSocket = path.join(this.dir, 'master.sock');
  }

  static async start(s: PoolState, ports: readonly number[], vip: Vip): Promise<MasterWorkerHaproxy> {
    const h = new MasterWorkerHaproxy(ports, vip);
    try {
      h.write(s);
      await run('haproxy', ['-W', '-D', '-f', h.cfg, '-p', h.pidFile, '-S', `${h.masterSocket},mode,600`], { timeoutMs: START_TIMEOUT_MS });
      await h.waitFor((p) => p.workers.length > 0);
    } catch (err) {
      await h.stop();
      throw err;
    }
    return h;
  }

  private async showProc(): Promise<ProcInfo | undefined> {
    try {
      return parseShowProc(await socketCommand(this.masterSocket, 'show proc'));
    } catch {
      return undefined; // re-executing
    }
  }

  private async waitFor(pred: (p: ProcInfo) => boolean): Promise<ProcInfo> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const p = await this.showProc();
      if (p && pred(p)) return p;
      await sleep(POLL_MS);
    }
    throw new Error(`master of ${this.cfg} did not get there within ${START_TIMEOUT_MS} ms`);
  }

  /** Latency: until the master reports the reload done and a worker of the new generation runs. */
  async apply(s: PoolState): Promise<ChangeOutcome> {
    const t0 = performance.now();
    if (this.stopped) return { latencyMs: 0, live: false, error: 'stopped' };
    try {
      const before = await this.waitFor(() => true);
      this.write(s);
      await socketCommand(this.masterSocket, 'reload').catch(() => undefined); // the master re-executes and drops us
      const after = await this.waitFor((p) => p.reloads > before.reloads || p.failed > before.failed);
      if (after.failed > before.failed) throw new Error('the master refused the new configuration');
      await this.waitFor((p) => p.workers.length > 0);
      return { latencyMs: performance.now() - t0, live: true };
    } catch (err) {
      return { latencyMs: performance.now() - t0, live: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  async reloads(): Promise<number | undefined> {
    return (await this.showProc())?.reloads;
  }
}
