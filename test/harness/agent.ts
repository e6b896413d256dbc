/**
 * Runs the real lbaas-agent (dist/agent/cli.js) as a child process with its
 * own state dir and port, and stops it — and every HAProxy it started — when
 * the test is done, even when the test fails.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { LbaasClient } from '../../client/index.js';
import { freePort } from './ports.js';

const CLI = fileURLToPath(new URL('../../agent/cli.js', import.meta.url));
/** Start-up deadline: well under a second on an idle host, but CI boxes and loaded 2-core hosts have taken >15 s. */
const START_TIMEOUT_MS = 60_000;

export interface AgentHandle {
  endpoint: string;
  token: string;
  stateDir: string;
  client: LbaasClient;
  /** Start the agent (again) on the same port and state dir. */
  start(): Promise<void>;
  /** SIGKILL the agent process only (HAProxy keeps running). */
  kill9(): Promise<void>;
  /** Stop the agent, then every HAProxy of its state dir, then remove the state dir. */
  cleanup(): Promise<void>;
  /** Master pid of a pool's HAProxy, from its pid file. */
  haproxyPid(poolId: string): number | undefined;
  logs(): string;
}

export interface AgentStartOptions {
  driver?: 'local' | 'netns' | 'auto';
  config?: unknown;
  extraArgs?: string[];
  auditInterval?: number;
  /** Serve this token file (cluster: every agent the same one). */
  tokenFile?: string;
}

/**
 * Last line of defence: when ava kills a worker on timeout, teardowns do not
 * run. The exit handler (synchronous) still stops what this process started.
 */
const live = new Set<{ pid: () => number | undefined; stateDir: string }>();
process.once('exit', () => {
  for (const l of live) {
    const pid = l.pid();
    if (pid) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    killHaproxies(l.stateDir);
    rmSync(l.stateDir, { recursive: true, force: true });
  }
});

/** SIGTERM every HAProxy master of this state dir (only those whose command line names it). */
function killHaproxies(stateDir: string): void {
  let pools: string[] = [];
  try {
    pools = readdirSync(path.join(stateDir, 'pools'));
  } catch {
    return;
  }
  for (const p of pools) {
    try {
      const pid = Number(readFileSync(path.join(stateDir, 'pools', p, 'haproxy.pid'), 'utf8').trim());
      if (pid > 1 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(stateDir)) process.kill(pid, 'SIGTERM');
    } catch {
      // no pid file, or already gone
    }
  }
}

export async function startAgent(o: AgentStartOptions = {}): Promise<AgentHandle> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'lbt-agent-'));
  const port = await freePort();
  const args = ['--driver', o.driver ?? 'local', '--state-dir', stateDir, '--listen', `127.0.0.1:${port}`];
  if (o.config !== undefined) {
    const cfg = path.join(stateDir, 'config.json');
    writeFileSync(cfg, JSON.stringify(o.config));
    args.push('--config', cfg);
  }
  args.push('--audit-interval', String(o.auditInterval ?? 1), ...(o.extraArgs ?? []));
  if (o.tokenFile) args.push('--token-file', o.tokenFile);
  let child: ResultPromise | undefined;
  let log = '';
  const endpoint = `http://127.0.0.1:${port}`;
  const h: AgentHandle = {
    endpoint,
    token: '',
    stateDir,
    client: undefined as unknown as LbaasClient,
    async start() {
      child = execa('node', [CLI, ...args], { reject: false, stdout: 'pipe', stderr: 'pipe' });
      const from = log.length;
      child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (!log.slice(from).includes('"listening"')) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`agent did not start: ${log}`);
        await sleep(25);
      }
      h.token = readFileSync(o.tokenFile ?? path.join(stateDir, 'token'), 'utf8').trim();
      h.client = new LbaasClient({ endpoint, token: h.token, retries: 0 });
    },
    async kill9() {
      if (!child) return;
      child.kill('SIGKILL');
      await child;
      child = undefined;
    },
    haproxyPid(poolId) {
      try {
        return Number(readFileSync(path.join(stateDir, 'pools', poolId, 'haproxy.pid'), 'utf8').trim());
      } catch {
        return undefined;
      }
    },
    async cleanup() {
      if (child) {
        child.kill('SIGTERM');
        await Promise.race([child, sleep(5_000)]);
        child.kill('SIGKILL');
      }
      killHaproxies(stateDir);
      rmSync(stateDir, { recursive: true, force: true });
      live.delete(entry);
    },
    logs: () => log,
  };
  const entry = { pid: () => child?.pid, stateDir };
  live.add(entry);
  try {
    await h.start();
  } catch (err) {
    await h.cleanup();
    throw err;
  }
  return h;
}
