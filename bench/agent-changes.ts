/**
 * Benchmark "agent-changes" (issues 2 and 12): under load through a VIP on
 * loopback, changes applied one after another — members added and removed,
 * monitors changed, attached and detached, plus some weight and admin-state
 * changes — to three targets serving the same pool, side by side in one run:
 * (a) a plain HAProxy restarted with `-sf` per change (the v1 way), (b) a
 * plain master-worker HAProxy reloaded through its master socket, (c) the
 * agent. The load is built to expose the reload race: several wrk processes,
 * a new TCP connection per request (thousands of new connections per
 * second), and then keep-alive. Reported: failed requests per 1000 reloads,
 * and the agent's change-to-live latency.
 */
import { freePort, randomLoopbackVip } from '../test/harness/ports.js';
import type { Benchmark } from './benchmark.js';
import { AgentPool, type Vip } from './changes/agent-pool.js';
import { MasterWorkerHaproxy } from './changes/master-worker.js';
import { NaiveHaproxy } from './changes/naive-haproxy.js';
import { cloneState, initialState, planChanges, type PoolState } from './changes/plan.js';
import { modeSection, RELOAD_P99_GOAL_MS, RUNTIME_P99_GOAL_MS } from './changes/report.js';
import { runSequence, type RunRecord, type Target, type WrkLoad } from './changes/sequence.js';
import { p50p99, type BenchReport } from './report.js';
import { startBenchAgent } from './support/agent.js';
import { startBackendProcess } from './support/backends.js';
import { LoadGenerator } from './support/load.js';
import type { LoadMode } from './support/load-tally.js';
import { benchTiming, startBench, toolVersion } from './support/machine.js';
import { summarize } from './support/stats.js';
import { wrkErrorText, wrkParallel } from './support/wrk.js';

/** Real HTTP backends the members point at; the pool holds 3–8 of them at a time. */
const BACKENDS = 10;
const INITIAL_MEMBERS = 4;
/** Longer than any run can use: the window, not the plan, bounds a run. */
const PLAN_LENGTH = 2_000;
/** Mostly structural changes: the reloads are what is measured; some runtime ones keep that path timed. */
const RUNTIME_SHARE = 0.2;
const MODES: LoadMode[] = ['close', 'keep-alive'];
/** Each target gets this many windows per mode, alternating with the others, so a load change on the shared host hits all alike. */
const ROUNDS = 2;
const WINDOW_S = 30;
/**
 * Several client processes, each one event loop: many new connections per second on 2 cores, and
 * enough of them at once that some wait in the listener's accept queue when a reload closes it.
 */
const WRK: WrkLoad = { processes: 3, threads: 1, connections: 16 };
const NODE_LOOPS = 4;
/** Load without any change first: the counters must show 0 there, or they count something else. */
const CONTROL_S = 5;
/** Fixed so every run applies the same changes. */
const SEED = 20_240_602;
/** `haproxy -c` runs timed as a reference for what a config parse costs on this host (it is busy or not). */
const REFERENCE_CHECKS = 10;

async function vips(n: number): Promise<Vip[]> {
  const out: Vip[] = [];
  while (out.length < n) {
    const v: Vip = { address: randomLoopbackVip(), port: await freePort() };
    if (!out.some((o) => o.address === v.address)) out.push(v);
  }
  return out;
}

export const agentChanges: Benchmark = {
  name: 'agent-changes',
  requires: ['haproxy', 'wrk'],
  description: 'changes under connection-per-request and keep-alive load: failed requests per 1000 reloads, naive -sf vs master-worker vs agent',
  async run({ cleanup, log }): Promise<BenchReport> {
    const bench = await startBench();
    const backends = await startBackendProcess(BACKENDS, cleanup);
    const agent = await startBenchAgent(cleanup);
    const [agentVip, naiveVip, mwVip] = (await vips(3)) as [Vip, Vip, Vip];
    const state = initialState(INITIAL_MEMBERS);
    const pool = await AgentPool.create(agent, backends.ports, state, agentVip);
    const naive = await NaiveHaproxy.start(state, backends.ports, naiveVip);
    cleanup.add('naive HAProxy', () => naive.stop());
    const mw = await MasterWorkerHaproxy.start(state, backends.ports, mwVip);
    cleanup.add('master-worker HAProxy', () => mw.stop());
    const reference = await naive.checkTimes(REFERENCE_CHECKS);
    const load = new LoadGenerator(cleanup);
    log(`agent pool ${pool.poolId} on ${agentVip.address}:${agentVip.port}, naive on ${naiveVip.address}:${naiveVip.port}, master-worker on ${mwVip.address}:${mwVip.port}`);

    const control = await wrkParallel(WRK.processes, { url: `http://${naiveVip.address}:${naiveVip.port}/`, durationS: CONTROL_S, ...WRK, mode: 'close' });
    const targets: [Target, Vip][] = [
      [{ name: 'naive', apply: (_c, after) => naive.apply(after), reloads: () => naive.reloads() }, naiveVip],
      [{ name: 'master-worker', apply: (_c, after) => mw.apply(after), reloads: () => mw.reloads() }, mwVip],
      [{ name: 'agent', apply: (c, after) => pool.apply(c, after), reloads: () => pool.reloads() }, agentVip],
    ];
    // One plan, one cursor per target: each target applies the same changes in the same order.
    const plan = planChanges(cloneState(state), PLAN_LENGTH, BACKENDS, SEED, RUNTIME_SHARE);
    const cursors = new Map(targets.map(([t]) => [t.name, { next: 0, state: cloneState(state) as PoolState }]));
    const runs: RunRecord[] = [];
    for (const mode of MODES) {
      for (let round = 1; round <= ROUNDS; round++) {
        const order = round % 2 ? targets : [...targets].reverse();
        for (const [target, vip] of order) {
          log(`${target.name}, ${mode}, round ${round}: ${WINDOW_S} s of changes under load`);
          const cursor = cursors.get(target.name)!;
          runs.push(await runSequence(load, { target, mode, round, vip, plan, cursor, windowS: WINDOW_S, wrk: WRK, nodeLoops: NODE_LOOPS, log }));
        }
      }
    }
    const wrkVersion = await toolVersion('wrk', ['--version']);
    const sections = MODES.map((m) => modeSection(m, runs.filter((r) => r.mode === m), { wrk: WRK, nodeLoops: NODE_LOOPS, windowS: WINDOW_S, rounds: ROUNDS }));
    sections.unshift({
      title: 'control and host',
      rows: [
        { metric: `no changes, ${CONTROL_S} s of connection-per-request wrk load on the naive VIP: answers / failed`, value: `${control.total.requests} / ${wrkErrorText(control.total)}`, goal: '0 failed', met: control.total.errors === 0 },
        { metric: "`haproxy -c` of the pool's config, before the runs (p50 / p99)", value: p50p99(summarize(reference)) },
      ],
      notes: [
        'The control shows the counters read 0 when nothing changes: every failure below comes from the changes.',
        'An agent reload parses the config twice (`haproxy -c`, then the master re-executes): the second row is the cost of one parse here. Latencies include waiting for a CPU; a load average above the core count means other work competed for them.',
      ],
    });
    return {
      name: 'agent-changes',
      ...benchTiming(bench),
      environment: { wrk: wrkVersion, backends: BACKENDS, windowS: WINDOW_S, rounds: ROUNDS, wrkProcesses: WRK.processes, wrkConnections: WRK.connections, nodeLoops: NODE_LOOPS, runtimeShare: RUNTIME_SHARE, seed: SEED },
      sections,
      data: {
        goals: { agentFailedRequests: 0, runtimeP99Ms: RUNTIME_P99_GOAL_MS, reloadP99Ms: RELOAD_P99_GOAL_MS },
        control: control.total,
        referenceCheckMs: reference,
        runs: runs.map((r) => ({ ...r, load: { ...r.load, failures: r.load.failures.slice(0, 50) } })),
      },
    };
  },
};
