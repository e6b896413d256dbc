/**
 * Benchmark "agent-scale" (issue 2): 100 pools × 10 members, each with a VIP
 * so 100 HAProxy run; then the agent's memory, how long building it all
 * took, read-API latency, and HAProxy's memory per pool.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from '../test/harness/http.js';
import type { Benchmark } from './benchmark.js';
import { p50p99, type BenchReport, type Row } from './report.js';
import { benchTiming, startBench } from './support/machine.js';
import { measureGets, type LatencyResult } from './scale/api-latency.js';
import { buildPools } from './scale/build.js';
import { haproxyMemory } from './scale/memory.js';
import { agentPid, startBenchAgent } from './support/agent.js';
import { startBackendProcess } from './support/backends.js';
import { cpuMs, MiB, peakRssBytes, rssBytes } from './support/proc.js';
import { seededRandom, summarize } from './support/stats.js';

const POOLS = 100;
const MEMBERS = 10;
/** Load balancers built at once: the agent converges 4 pools at a time, more would only queue. */
const BUILD_CONCURRENCY = 4;
/** Requests per read endpoint: bounded, and enough for a p99 that is not the maximum of 50. */
const GETS_PER_ENDPOINT = 500;
/** After building, long enough for one full periodic audit of every pool before measuring. */
const SETTLE_MS = 6_000;
/** Window in which the agent's CPU use with every pool idle is measured (two audits, ten status polls). */
const IDLE_CPU_WINDOW_MS = 10_000;
/** VIPs sampled with a request each, to show the data plane serves. */
const SAMPLED_VIPS = 10;
const RSS_GOAL_MB = 150;
const GET_P99_GOAL_MS = 20;

function mb(bytes: number): string {
  return `${(bytes / MiB).toFixed(1)} MB`;
}

export const agentScale: Benchmark = {
  name: 'agent-scale',
  requires: ['haproxy'],
  description: `${POOLS} pools × ${MEMBERS} members with a VIP each: agent RSS, create time, GET latency, HAProxy RSS per pool`,
  async run({ cleanup, log }): Promise<BenchReport> {
    const bench = await startBench();
    const backends = await startBackendProcess(MEMBERS, cleanup);
    const agent = await startBenchAgent(cleanup);
    const pid = agentPid(agent);
    const rssIdle = rssBytes(pid) ?? 0;

    log(`building ${POOLS} load balancers × ${MEMBERS} members`);
    const built = await buildPools(agent.client, { pools: POOLS, members: MEMBERS, ports: backends.ports, concurrency: BUILD_CONCURRENCY, log });
    await sleep(SETTLE_MS);
    const cpu0 = cpuMs(pid) ?? 0;
    await sleep(IDLE_CPU_WINDOW_MS);
    const idleCpuPct = (((cpuMs(pid) ?? 0) - cpu0) / IDLE_CPU_WINDOW_MS) * 100;

    const rng = seededRandom(7);
    const anyPool = () => built.pools[Math.floor(rng() * built.pools.length)]!.poolId;
    const sampled = built.pools.filter((_, i) => i % Math.ceil(POOLS / SAMPLED_VIPS) === 0);
    const answers = await Promise.all(sampled.map((p) => request(p.address, p.port).then((a) => a.status, () => 0)));
    const serving = answers.filter((s) => s === 200).length;

    log(`measuring GET latency (${GETS_PER_ENDPOINT} requests per endpoint)`);
    const gets: LatencyResult[] = [];
    for (const [label, path] of [
      ['GET /v1/members?pool_id=…', () => `/v1/members?pool_id=${anyPool()}`],
      ['GET /v1/pools/{id}', () => `/v1/pools/${anyPool()}`],
      ['GET /v1/pools (list of 100)', () => '/v1/pools'],
    ] as const) {
      gets.push(await measureGets(agent.endpoint, agent.token, label, path, GETS_PER_ENDPOINT));
    }
    const rss = rssBytes(pid) ?? 0;
    const peak = peakRssBytes(pid) ?? 0;
    const hap = haproxyMemory(agent, built.pools.map((p) => p.poolId));
    const objects = POOLS * (MEMBERS + 2);

    const rows: Row[] = [
      { metric: 'agent RSS (VmRSS) with 100 pools running', value: mb(rss), goal: `< ${RSS_GOAL_MB} MB`, met: rss / MiB < RSS_GOAL_MB },
      { metric: 'agent peak RSS (VmHWM) during the run', value: mb(peak) },
      { metric: 'agent RSS before any object', value: mb(rssIdle) },
      { metric: `agent CPU with ${POOLS} pools idle (audit + status polling)`, value: `${idleCpuPct.toFixed(1)} % of one CPU` },
      { metric: `total create time (${objects} objects, ${BUILD_CONCURRENCY} LBs at a time)`, value: `${(built.totalMs / 1000).toFixed(1)} s` },
      { metric: 'create latency, pool/member (p50 / p99)', value: p50p99(summarize(built.createMs)) },
      { metric: 'VIP create-to-live, HAProxy start (p50 / p99)', value: p50p99(summarize(built.vipLiveMs)) },
      { metric: 'VIPs not live when answered', value: String(built.notLive.length), goal: '0', met: built.notLive.length === 0 },
      { metric: `sampled VIPs answering 200`, value: `${serving} of ${sampled.length}` },
      ...gets.map((g): Row => ({
        metric: `${g.label} (p50 / p99)${g.errors ? `, ${g.errors} errors` : ''}`,
        value: p50p99(g.summary),
        goal: `p99 < ${GET_P99_GOAL_MS} ms`,
        ...(g.summary ? { met: g.summary.p99 < GET_P99_GOAL_MS && g.errors === 0 } : {}),
      })),
      { metric: 'HAProxy RSS per pool, master + worker (sum / 100)', value: mb(hap.rssBytes / POOLS) },
      { metric: 'HAProxy PSS per pool (shared pages split)', value: mb(hap.pssBytes / POOLS) },
      { metric: 'HAProxy processes found (masters + workers)', value: `${hap.processes}${hap.missing ? `, ${hap.missing} pools without a running master` : ''}` },
    ];
    return {
      name: 'agent-scale',
      ...benchTiming(bench),
      environment: {},
      sections: [
        {
          title: `${POOLS} pools × ${MEMBERS} members, ${POOLS} VIPs`,
          rows,
          notes: [
            `GETs: ${GETS_PER_ENDPOINT} each, sequential over one keep-alive connection, request sent → last byte; periodic audit (5 s) and status polling (1 s) of all ${POOLS} pools run meanwhile.`,
          ],
        },
      ],
      data: {
        goals: { agentRssMB: RSS_GOAL_MB, getP99Ms: GET_P99_GOAL_MS },
        agent: { pid, rssBytes: rss, peakRssBytes: peak, idleRssBytes: rssIdle, idleCpuPercent: idleCpuPct },
        build: { ...built, createMs: summarize(built.createMs), vipLiveMs: summarize(built.vipLiveMs), pools: built.pools.length },
        gets,
        haproxy: hap,
        sampledVips: { sampled: sampled.length, serving },
      },
    };
  },
};
