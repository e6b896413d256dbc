/**
 * One pool's keepalived: VRRP only (`-P`), daemonized so VRRP keeps running
 * while the agent is down, its own pid files (parent and VRRP child), run
 * with `ip netns exec` in the pool namespace. A process is ours only if its
 * command line names our config file: a restarted agent adopts it instead of
 * starting another.
 *
 * Observed on keepalived 2.2.7: kill -9 of the VRRP child → the parent
 * respawns it (the new child drops the VIP and rejoins as BACKUP); kill -9 of
 * the parent → the child releases the VIP and exits; kill -9 of both → the
 * VIP stays on the device with nobody owning it (the manager removes it).
 */
import { readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../exec/run.js';
import type { KeepalivedPaths } from '../paths.js';
import { KeepalivedError } from './errors.js';

/** Start forks, reads a small config and writes its pid files within milliseconds; this is generous. */
const READY_TIMEOUT_MS = 5_000;
const POLL_MS = 20;
/** A stopping keepalived releases the VIP and sends a priority-0 advert; then SIGKILL. */
const STOP_GRACE_MS = 3_000;

/** The argv of a live process (not a zombie), or undefined. */
function cmdline(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
}

export class KeepalivedProcess {
  constructor(
    private readonly paths: KeepalivedPaths,
    private readonly netns: string,
  ) {}

  private ours(pidFile: string): number | undefined {
    let pid: number;
    try {
      pid = Number(readFileSync(pidFile, 'utf8').trim());
    } catch {
      return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 1) return undefined;
    const argv = cmdline(pid);
    if (!argv || !argv[0]?.endsWith('keepalived')) return undefined;
    const f = argv.indexOf('-f');
    return f >= 0 && argv[f + 1] === this.paths.config ? pid : undefined;
  }

  /** The parent's pid when a keepalived of OUR config runs. */
  parentPid(): number | undefined {
    return this.ours(this.paths.pid);
  }

  /** The VRRP child's pid (absent for a moment while the parent respawns it). */
  vrrpPid(): number | undefined {
    return this.ours(this.paths.vrrpPid);
  }

  running(): boolean {
    return this.parentPid() !== undefined;
  }

  async start(): Promise<void> {
    // A killed keepalived leaves its pid files; if that pid is a zombie (or reused), a new
    // keepalived believes it is "already running" and exits. Not running per ours(): stale.
    if (this.parentPid() === undefined) for (const f of [this.paths.pid, this.paths.vrrpPid]) rmSync(f, { force: true });
    // -G: no syslog (the agent reads state from the FIFO and the host); -P: VRRP only.
    await run('keepalived', ['-P', '-G', '-f', this.paths.config, '-p', this.paths.pid, '-r', this.paths.vrrpPid], {
      netns: this.netns,
      timeoutMs: READY_TIMEOUT_MS,
    });
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (this.parentPid() === undefined || this.vrrpPid() === undefined) {
      if (Date.now() > deadline) throw new KeepalivedError('KEEPALIVED_PROCESS', `keepalived for ${this.paths.config} did not come up within ${READY_TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
  }

  /** Re-read the config (SIGHUP): instances keep their state when their identity is unchanged. */
  reload(): void {
    const pid = this.parentPid();
    if (pid === undefined) throw new KeepalivedError('KEEPALIVED_PROCESS', 'keepalived is not running; cannot reload');
    signal(pid, 'SIGHUP');
  }

  /** SIGTERM (the master releases the VIP and hands over at once), SIGKILL after a grace. */
  async stop(): Promise<void> {
    const pids = [this.parentPid(), this.vrrpPid()].filter((p): p is number => p !== undefined);
    if (pids.length === 0) return;
    signal(pids[0]!, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (Date.now() < deadline && pids.some((p) => cmdline(p))) await sleep(POLL_MS);
    for (const p of pids) if (cmdline(p)) signal(p, 'SIGKILL');
  }
}
