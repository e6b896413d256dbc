/**
 * Benchmark "netns-throughput" (issue 3): from a client namespace on the OVS
 * bridge, requests/s and p99 latency through a VIP (HAProxy in its pool
 * namespace) versus directly to the one member behind it, in the same run,
 * alternating the two targets round by round so that a change in host load
 * hits both alike. Reported per datapath (netdev only where the openvswitch
 * kernel module is missing) and per connection mode: keep-alive, and a new
 * TCP connection per request. The ratio is taken per round (the VIP run and
 * the direct run next to it) and the median over rounds is reported: on a
 * shared host, load changes between rounds are larger than the difference
 * being measured.
 */
import { execa } from 'execa';
import os from 'node:os';
import { startNetnsAgent } from '../test/netns/support/agent.js';
import { createLb, firstSuccess, hostsOn, networkFor } from '../test/netns/support/topology.js';
import type { Benchmark } from './benchmark.js';
import { availableDatapaths, benchBridge, requireRoot, shim, type Datapath } from './netns-env.js';
import { haveWrk, wrk, type WrkResult } from './netns-wrk.js';
import { environment, type Row, type Section } from './report.js';

const ROUNDS = 5;
const DURATION_S = 5;
const WARMUP_S = 2;
/** Two wrk threads for two cores; 16 connections keep HAProxy and the member busy without queueing for long. */
const THREADS = 2;
const CONNECTIONS = 16;
const MODES = ['keep-alive', 'close'] as const;
const RATIO_GOAL = 0.7;

type Mode = (typeof MODES)[number];

interface Run {
  datapath: Datapath;
  mode: Mode;
  target: 'vip' | 'direct';
  round: number;
  result: WrkResult;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : Number.NaN;
}

async function measureDatapath(ctx: Parameters<Benchmark['run']>[0], datapath: Datapath): Promise<Run[]> {
  const t = shim(ctx);
  const bridge = await benchBridge(ctx, datapath);
  const net = networkFor(bridge);
  const hosts = await hostsOn(t, bridge, net, { members: 1, clients: 1 });
  const agent = await startNetnsAgent(t, { networks: [net], ovsDb: bridge.db, auditInterval: 5 });
  const lb = await createLb(t, { agent, network: net, members: hosts.members });
  const client = hosts.clients[0]!.ns;
  const member = hosts.members[0]!;
  const direct = `http://${member.address}:${member.port}/`;
  await firstSuccess(client, lb.url);
  await firstSuccess(client, direct);
  ctx.log(`${datapath}: VIP ${lb.url}, member ${direct}`);

  const runs: Run[] = [];
  for (const mode of MODES) {
    const base = { ns: client, threads: THREADS, connections: CONNECTIONS, mode };
    await wrk({ ...base, url: lb.url, durationS: WARMUP_S });
    await wrk({ ...base, url: direct, durationS: WARMUP_S });
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which target goes first.
      const order: ('vip' | 'direct')[] = round % 2 ? ['direct', 'vip'] : ['vip', 'direct'];
      for (const target of order) {
        const result = await wrk({ ...base, url: target === 'vip' ? lb.url : direct, durationS: DURATION_S });
        ctx.log(`${datapath} ${mode} round ${round} ${target}: ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors`);
        runs.push({ datapath, mode, target, round, result });
      }
    }
  }
  return runs;
}

function section(datapath: Datapath, mode: Mode, runs: Run[]): Section {
  const pick = (target: 'vip' | 'direct') => runs.filter((r) => r.datapath === datapath && r.mode === mode && r.target === target).map((r) => r.result);
  const vip = pick('vip');
  const direct = pick('direct');
  const rps = (rs: WrkResult[]) => median(rs.map((r) => r.rps));
  const p99 = (rs: WrkResult[]) => median(rs.map((r) => r.p99Ms));
  const ratios = vip.map((v, i) => v.rps / direct[i]!.rps);
  const ratio = median(ratios);
  const errors = [...vip, ...direct].reduce((a, r) => a + r.errors, 0);
  const rows: Row[] = [
    { metric: 'requests/s through the VIP (median of rounds)', value: rps(vip).toFixed(0) },
    { metric: 'requests/s directly to the member', value: rps(direct).toFixed(0) },
    { metric: 'ratio VIP / direct (median of per-round ratios)', value: ratio.toFixed(2), goal: `>= ${RATIO_GOAL}`, met: ratio >= RATIO_GOAL },
    { metric: 'per-round ratios', value: ratios.map((r) => r.toFixed(2)).join(' ') },
    { metric: 'p99 latency through the VIP', value: `${p99(vip).toFixed(2)} ms` },
    { metric: 'p99 latency directly to the member', value: `${p99(direct).toFixed(2)} ms` },
    { metric: 'p50 latency VIP / direct', value: `${median(vip.map((r) => r.p50Ms)).toFixed(2)} / ${median(direct.map((r) => r.p50Ms)).toFixed(2)} ms` },
    { metric: 'errors (socket errors + non-2xx), all rounds', value: String(errors), goal: '0', met: errors === 0 },
  ];
  return {
    title: `datapath ${datapath}, ${mode === 'close' ? 'a new connection per request' : 'keep-alive connections'}`,
    rows,
    notes: [`wrk -t${THREADS} -c${CONNECTIONS}, ${ROUNDS} rounds × ${DURATION_S} s per target, targets alternating; the client, HAProxy, the member and ovs-vswitchd share ${os.cpus().length} CPUs.`],
  };
}

export const netnsThroughput: Benchmark = {
  name: 'netns-throughput',
  description: 'client namespace → VIP (HAProxy in its namespace) vs → member directly: req/s, p99, ratio per datapath',
  async run(ctx) {
    requireRoot();
    if (!(await haveWrk())) throw new Error('wrk is not installed (Debian: apt-get install wrk)');
    const startedAt = new Date();
    const datapaths = availableDatapaths();
    const runs: Run[] = [];
    for (const dp of datapaths) runs.push(...(await measureDatapath(ctx, dp)));
    const sections = datapaths.flatMap((dp) => MODES.map((m) => section(dp, m, runs)));
    if (!datapaths.includes('system')) sections[0]!.notes!.push('datapath system: not measured, the openvswitch kernel module is not loaded on this host.');
    const haproxy = (await execa('haproxy', ['-v'], { reject: false })).stdout.split('\n')[0] ?? 'unknown';
    return {
      name: 'netns-throughput',
      startedAt: startedAt.toISOString(),
      durationS: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
      environment: environment({ haproxy, datapaths: datapaths.join(','), loadavg1m: os.loadavg()[0]! }),
      sections,
      data: { goals: { ratio: RATIO_GOAL }, runs },
    };
  },
};
