/**
 * Benchmark "agent-changes" (issue 2): under steady HTTP load through a VIP
 * on loopback, 200 mixed changes one after another — weights, admin state,
 * members added and removed, monitor changes — measuring change-to-live
 * latency and every failed client request; then the same plan against a
 * plain HAProxy restarted with `-sf` per change (the v1 way). Both with
 * keep-alive connections and with a connection per request, since reload
 * losses show differently in each.
 */
import { execa } from 'execa';
import os from 'node:os';
import { freePort, randomLoopbackVip } from '../test/harness/ports.js';
import type { Benchmark } from './benchmark.js';
import { AgentPool, type Vip } from './changes/agent-pool.js';
import { NaiveHaproxy } from './changes/naive-haproxy.js';
import { changesReport } from './changes/report.js';
import { cloneState, initialState, planChanges } from './changes/plan.js';
import { runSequence, type RunRecord, type Target } from './changes/sequence.js';
import { environment } from './report.js';
import { startBenchAgent } from './support/agent.js';
import { startBackendProcess } from './support/backends.js';
import { LoadGenerator } from './support/load.js';
import type { LoadMode } from './support/load-tally.js';

const CHANGES = 200;
/** Real HTTP backends the members point at; the pool holds 3–8 of them at a time. */
const BACKENDS = 10;
const INITIAL_MEMBERS = 4;
/** "A few connections": enough to keep HAProxy busy, few enough to leave the 2-core host room for the agent. */
const CONNECTIONS = 4;
const MODES: LoadMode[] = ['keep-alive', 'close'];
/** Fixed so every run applies the same changes. */
const SEED = 20_240_602;
/** `haproxy -c` runs timed as a reference for what a config parse costs on this host (it is busy or not). */
const REFERENCE_CHECKS = 10;

async function twoVips(): Promise<[Vip, Vip]> {
  const a: Vip = { address: randomLoopbackVip(), port: await freePort() };
  let b: Vip;
  do b = { address: randomLoopbackVip(), port: await freePort() };
  while (b.address === a.address);
  return [a, b];
}

export const agentChanges: Benchmark = {
  name: 'agent-changes',
  requires: ['haproxy'],
  description: '200 mixed changes under load: failed requests and change-to-live latency, agent vs naive -sf restart',
  async run({ cleanup, log }) {
    const startedAt = new Date();
    const loadBefore = os.loadavg()[0]!;
    const backends = await startBackendProcess(BACKENDS, cleanup);
    const agent = await startBenchAgent(cleanup);
    const [agentVip, naiveVip] = await twoVips();
    const state = initialState(INITIAL_MEMBERS);
    const pool = await AgentPool.create(agent, backends.ports, state, agentVip);
    const naive = await NaiveHaproxy.start(state, backends.ports, naiveVip);
    cleanup.add('naive HAProxy', () => naive.stop());
    const reference = await naive.checkTimes(REFERENCE_CHECKS);
    const load = new LoadGenerator(cleanup);
    log(`agent pool ${pool.poolId} on ${agentVip.address}:${agentVip.port}, naive HAProxy on ${naiveVip.address}:${naiveVip.port}`);

    const targets: [Target, Vip][] = [
      [{ name: 'agent', apply: (c, after) => pool.apply(c, after), reloads: () => pool.reloads() }, agentVip],
      [{ name: 'naive', apply: (_c, after) => naive.restart(after, backends.ports, naiveVip), reloads: async () => naive.restarts() }, naiveVip],
    ];
    const runs: RunRecord[] = [];
    for (const [i, mode] of MODES.entries()) {
      const start = cloneState(state);
      const plan = planChanges(state, CHANGES, BACKENDS, SEED + i); // advances `state` to the plan's end
      for (const [target, vip] of targets) {
        log(`${target.name}, ${mode}: ${plan.length} changes under load`);
        runs.push(await runSequence(load, { target, mode, connections: CONNECTIONS, vip, plan, start, log }));
      }
    }
    const haproxy = (await execa('haproxy', ['-v'], { reject: false })).stdout.split('\n')[0] ?? 'unknown';
    return changesReport(runs, {
      startedAt,
      reference,
      environment: environment({
        haproxy,
        loadConnections: CONNECTIONS,
        changesPerRun: CHANGES,
        backends: BACKENDS,
        seed: SEED,
        loadavg1mBefore: loadBefore,
        loadavg1mAfter: os.loadavg()[0]!,
      }),
    });
  },
};
