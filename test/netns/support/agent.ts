/**
 * The real lbaas-agent (dist/agent/cli.js) with the netns driver, as a child
 * process, for the tests in test/netns/. Unlike test/harness/agent.ts it
 * writes the agent id before the first start: `lbaas-test-<pid>-…`, so that
 * pool namespaces a killed test process left behind are recognised and swept
 * by the next one (test/harness/hosts.ts `sweepDeadTestNamespaces`).
 *
 * The teardown, registered before the agent starts, removes everything even
 * when the test failed half-way: pools through the API (cascade), the agent,
 * every HAProxy whose command line names this state directory, then whatever
 * plumbing still carries this agent's marker (unplugged by a NetnsDriver with
 * the same id), then the state directory.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionContext } from 'ava';
import { LbaasClient } from '../../../client/index.js';
import { NetnsDriver } from '../../../agent/drivers/netns/index.js';
import { Network } from '../../../schema/network.js';
import { freePort } from '../../harness/ports.js';
import { sweepDeadTestNamespaces, testAgentId } from '../../harness/hosts.js';
import { haproxyPidsOf, stopPids } from './procs.js';

const CLI = fileURLToPath(new URL('../../../agent/cli.js', import.meta.url));
/** The agent prints "listening" once it serves; start-up includes `haproxy -v`, OVS probes and bridge checks. */
const START_TIMEOUT_MS = 60_000;
/** Per API request: longer than any ?wait= the tests and benchmarks use (up to 120 s). */
const CLIENT_TIMEOUT_MS = 180_000;
/** Deleting a pool through the API in teardown waits this long for the data plane. */
const TEARDOWN_WAIT_S = 20;
/** Pools deleted at once in teardown: the agent converges 4 pools at a time. */
const TEARDOWN_DELETE_CONCURRENCY = 4;

/** State directories of every agent this process started (kept after removal, for the leftover check). */
export const agentStateDirs = new Set<string>();

export interface NetnsAgent {
  endpoint: string;
  token: string;
  stateDir: string;
  agentId: string;
  client: LbaasClient;
  /** Driver the running agent chose (from its "listening" log line). */
  driver: string | undefined;
  /** Start (again) on the same port and state dir; `extraArgs` for this start only (later options win). */
  start(extraArgs?: string[]): Promise<void>;
  /** SIGKILL the agent only; HAProxy keeps serving. */
  kill9(): Promise<void>;
  /** Master pid of a pool's HAProxy from its pid file. */
  haproxyPid(poolId: string): number | undefined;
  logs(): string;
}

export interface NetnsAgentOptions {
  /** Networks of the config file (bridge names included). */
  networks: unknown[];
  /** OVS database socket (`--ovs-db`); undefined = the system default. */
  ovsDb: string | undefined;
  driver?: 'netns' | 'auto' | 'local';
  /** Seconds; default 1. */
  auditInterval?: number;
  extraArgs?: string[];
  /** Do not pass `--ovs-db` even when ovsDb is set (for the unreachable-database test). */
  noOvsDbArg?: boolean;
}

export async function startNetnsAgent(t: ExecutionContext, o: NetnsAgentOptions): Promise<NetnsAgent> {
  await sweepDeadTestNamespaces();
  const stateDir = mkdtempSync(path.join(tmpdir(), 'lbt-netns-agent-'));
  agentStateDirs.add(stateDir);
  const agentId = testAgentId();
  writeFileSync(path.join(stateDir, 'agent-id'), agentId, { mode: 0o600 });
  writeFileSync(path.join(stateDir, 'config.json'), JSON.stringify({ networks: o.networks }));
  const port = await freePort();
  const args = [
    '--driver', o.driver ?? 'netns',
    '--state-dir', stateDir,
    '--listen', `127.0.0.1:${port}`,
    '--config', path.join(stateDir, 'config.json'),
    '--audit-interval', String(o.auditInterval ?? 1),
    ...(o.ovsDb && !o.noOvsDbArg ? ['--ovs-db', o.ovsDb] : []),
    ...(o.extraArgs ?? []),
  ];
  const endpoint = `http://127.0.0.1:${port}`;
  let child: ResultPromise | undefined;
  let log = '';

  const stopAgent = async () => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    c.kill('SIGTERM');
    await Promise.race([c, sleep(5_000)]);
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await c;
    }
  };

  const h: NetnsAgent = {
    endpoint,
    token: '',
    stateDir,
    agentId,
    client: undefined as unknown as LbaasClient,
    driver: undefined,
    async start(extraArgs = []) {
      const c = execa('node', [CLI, ...args, ...extraArgs], { reject: false, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
      child = c;
      const from = log.length;
      c.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      const deadline = Date.now() + START_TIMEOUT_MS;
      while (!log.slice(from).includes('"listening"')) {
        if (c.exitCode !== null || c.signalCode !== null || Date.now() > deadline) {
          await stopAgent();
          throw new Error(`agent did not start: ${log.slice(from)}`);
        }
        await sleep(25);
      }
      h.driver = /"msg":"listening".*?"driver":"(\w+)"/.exec(log.slice(from))?.[1];
      h.token = readFileSync(path.join(stateDir, 'token'), 'utf8').trim();
      h.client = new LbaasClient({ endpoint, token: h.token, retries: 0, timeoutMs: CLIENT_TIMEOUT_MS });
    },
    async kill9() {
      const c = child;
      child = undefined;
      if (!c) return;
      c.kill('SIGKILL');
      await c;
    },
    haproxyPid(poolId) {
      try {
        return Number(readFileSync(path.join(stateDir, 'pools', poolId, 'haproxy.pid'), 'utf8').trim().split('\n')[0]);
      } catch {
        return undefined;
      }
    },
    logs: () => log,
  };

  t.teardown(async () => {
    // 1. Through the API, as a user would: the agent stops HAProxy and unplugs (a few pools at a time).
    if (child && h.client) {
      try {
        const ids = (await h.client.list('pool')).map((p) => (p as { id: string }).id);
        const next = () => ids.pop();
        const worker = async () => {
          for (let id = next(); id !== undefined; id = next()) {
            await h.client.delete('pool', id, { cascade: true, waitSeconds: TEARDOWN_WAIT_S }).catch(() => undefined);
          }
        };
        await Promise.all(Array.from({ length: TEARDOWN_DELETE_CONCURRENCY }, worker));
      } catch {
        // agent not answering: the steps below do it by hand
      }
    }
    await stopAgent();
    // 2. Any HAProxy of this state dir (also one left in a namespace deleted by hand).
    await stopPids(haproxyPidsOf(stateDir));
    // 3. Plumbing that still carries this agent's marker.
    if (h.driver !== 'local') {
      try {
        const networks = o.networks.map((n) => Network.parse(n));
        const driver = new NetnsDriver({ networks, stateDir, agentId, ovsDb: o.ovsDb });
        for (const id of await driver.listOwned()) await driver.unplug(id).catch((e: unknown) => t.log(`unplug ${id}: ${String(e)}`));
        await driver.settle();
      } catch (e) {
        t.log(`teardown unplug: ${String(e)}`);
      }
    }
    rmSync(stateDir, { recursive: true, force: true });
  });

  await h.start();
  return h;
}
