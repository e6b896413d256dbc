/**
 * One pool's HAProxy: master-worker, daemonized so the data plane keeps
 * serving while the agent is down, with a 0600 master CLI socket. Seamless
 * reload = the master re-executes and hands the listeners to the new worker
 * (`expose-fd listeners` on the admin socket); old workers finish their
 * connections. A process is ours only if its command line names our config.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../exec/run.js';
import type { PoolPaths } from '../paths.js';
import { socketCommand } from './socket.js';

export class HaproxyProcessError extends Error {
  readonly code = 'HAPROXY_PROCESS';
}

/** How long a start or reload may take before we call it failed (startup parses config and binds). */
const READY_TIMEOUT_MS = 10_000;
/** Poll interval while waiting for the master to report its new worker. */
const POLL_MS = 10;
/** Grace for a stopping master before SIGKILL. */
const STOP_GRACE_MS = 3_000;

export interface ProcInfo {
  masterPid: number;
  reloads: number;
  failed: number;
  workers: number[];
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The argv of a running process, or undefined when it is gone (or a zombie). */
function cmdline(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (/\) Z /.test(stat)) return undefined;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

export function parseShowProc(text: string): ProcInfo | undefined {
  let master: ProcInfo | undefined;
  let section = 'master';
  for (const line of text.split('\n')) {
    if (line.startsWith('# workers')) section = 'workers';
    else if (line.startsWith('# old workers') || line.startsWith('# programs')) section = 'other';
    if (!line || line.startsWith('#')) continue;
    const m = /^(\d+)\s+master\s+(\d+)\s+\[failed:\s*(\d+)\]/.exec(line);
    if (m) master = { masterPid: Number(m[1]), reloads: Number(m[2]), failed: Number(m[3]), workers: [] };
    else if (section === 'workers' && master) {
      const w = /^(\d+)\s+worker/.exec(line);
      if (w) master.workers.push(Number(w[1]));
    }
  }
  return master;
}

export class HaproxyProcess {
  constructor(
    private readonly paths: PoolPaths,
    private readonly netns: string | undefined,
  ) {}

  /** The master's pid when a master of OUR config is running. */
  masterPid(): number | undefined {
    let pid: number;
    try {
      pid = Number(readFileSync(this.paths.pid, 'utf8').trim().split('\n')[0]);
    } catch {
      return undefined;
    }
    if (!Number.isInteger(pid) || pid <= 1) return undefined;
    const argv = cmdline(pid);
    if (!argv || !argv.some((a) => a.endsWith('haproxy'))) return undefined;
    const f = argv.indexOf('-f');
    return f >= 0 && argv[f + 1] === this.paths.config ? pid : undefined;
  }

  async showProc(): Promise<ProcInfo | undefined> {
    try {
      return parseShowProc(await socketCommand(this.paths.masterSocket, 'show proc'));
    } catch {
      return undefined;
    }
  }

  async start(): Promise<void> {
    await run(
      'haproxy',
      ['-W', '-D', '-f', this.paths.config, '-p', this.paths.pid, '-S', `${this.paths.masterSocket},mode,600`],
      { netns: this.netns, timeoutMs: READY_TIMEOUT_MS },
    );
    await this.waitFor((p) => p.workers.length > 0, 'start');
  }

  /** Seamless reload; resolves when the new worker runs the new config, rejects when the master refused it. */
  async reload(): Promise<void> {
    const before = await this.showProc();
    if (!before) throw new HaproxyProcessError('master CLI does not answer; cannot reload');
    await this.saveServerState();
    await socketCommand(this.paths.masterSocket, 'reload').catch(() => undefined); // the master re-executes and drops us
    const after = await this.waitFor((p) => p.reloads > before.reloads || p.failed > before.failed, 'reload');
    if (after.failed > before.failed) throw new HaproxyProcessError('HAProxy master refused the new configuration; the previous one keeps serving');
    await this.waitFor((p) => p.workers.length > 0, 'reload');
  }

  /** Runtime state (weights, maintenance, health) survives the reload through the server-state file. */
  async saveServerState(): Promise<void> {
    try {
      const state = await socketCommand(this.paths.adminSocket, 'show servers state');
      writeFileSync(this.paths.serverState, state, { mode: 0o600 });
    } catch {
      // No answer: nothing to carry over; the config's values apply.
    }
  }

  async stop(): Promise<void> {
    const pid = this.masterPid();
    if (pid === undefined) return;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_GRACE_MS;
    while (Date.now() < deadline) {
      if (!cmdline(pid)) return;
      await sleep(POLL_MS * 2);
    }
    if (pidAlive(pid) && cmdline(pid)) process.kill(pid, 'SIGKILL');
  }

  private async waitFor(pred: (p: ProcInfo) => boolean, what: string): Promise<ProcInfo> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const p = await this.showProc();
      if (p && pred(p)) return p;
      if (Date.now() > deadline) throw new HaproxyProcessError(`HAProxy ${what} did not complete within ${READY_TIMEOUT_MS} ms`);
      await sleep(POLL_MS);
    }
  }
}
