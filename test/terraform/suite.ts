/**
 * One end-to-end suite per CLI: the suite file calls `defineSuite('terraform', …)`
 * and its `.tofu` twin `defineSuite('tofu', …)`. Each file gets one real
 * agent (local driver), real backends and one provider mirror, shared by its
 * tests; everything — workdirs, agent, every HAProxy it started, backends —
 * is removed after the file, whether the tests passed or not. Without the
 * CLI the suite's tests are skipped, naming it and how to get it.
 */
import anyTest, { type ExecutionContext } from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { type AgentHandle, startAgent } from '../harness/agent.js';
import { type Backend, startBackends } from '../harness/backends.js';
import { gate, missing } from '../harness/requires.js';
import { type CliName, findCli, missingMessage } from './cli.js';
import { testMirror, Workdir, type WorkdirOptions } from './workdir.js';

export interface Suite {
  readonly name: CliName;
  readonly bin: string;
  mirror: string;
  agent: AgentHandle;
  backends: Backend[];
  /** A new working directory against this suite's agent, removed after the file. */
  workdir(o?: Omit<WorkdirOptions, 'cli' | 'mirror'>): Workdir;
  /** Serial test titled with the CLI's name. */
  test(title: string, fn: (t: ExecutionContext) => Promise<void>): void;
}

export interface SuiteOptions {
  /** HTTP backends to start (default 0). */
  backends?: number;
  /** Start an agent (default true). */
  agent?: boolean;
}

export function defineSuite(name: CliName, o: SuiteOptions, define: (s: Suite) => void): void {
  const found = findCli(name);
  // Without the CLI (or HAProxy for the agent) every test of the suite is skipped, saying why.
  const test = gate(anyTest, [...(found ? [] : [missingMessage(name)]), ...(o.agent !== false ? missing('haproxy') : [])]);
  const bin = found ?? name;
  const workdirs: Workdir[] = [];
  const s: Suite = {
    name,
    bin,
    mirror: '',
    agent: undefined as unknown as AgentHandle,
    backends: [],
    workdir(wo = {}) {
      const w = Workdir.create({ cli: bin, mirror: s.mirror, ...(s.agent ? { endpoint: s.agent.endpoint, token: s.agent.token } : {}), ...wo });
      workdirs.push(w);
      return w;
    },
    test(title, fn) {
      test.serial(`${name}: ${title}`, fn);
    },
  };
  test.before(async () => {
    s.mirror = await testMirror();
    if (o.agent !== false) s.agent = await startAgent({ driver: 'local', auditInterval: 1 });
    s.backends = await startBackends(o.backends ?? 0, `${name}-b`);
  });
  test.after.always(async () => {
    for (const w of workdirs) w.cleanup();
    await s.agent?.cleanup();
    await Promise.all(s.backends.map((b) => b.close()));
  });
  define(s);
}

/** Pids of running processes whose command line mentions `needle` (e.g. an agent's state dir). */
export function processesMentioning(needle: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(needle)) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
