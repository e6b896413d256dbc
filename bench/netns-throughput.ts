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
import { run } from '../agent/exec/run.js';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { startNetnsAgent } from '../test/netns/support/agent.js';
import { haproxyPidsOf } from '../test/netns/support/procs.js';
import { createLb, firstSuccess, hostsOn, networkFor } from '../test/netns/support/topology.js';
import type { Benchmark } from './benchmark.js';
import { availableDatapaths, benchBridge, requireRoot, shim, type Datapath } from './netns-env.js';
import { haveWrk, wrk, type WrkResult } from './netns-wrk.js';
import { findPids } from './support/proc.js';
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
  /** Share of one CPU used during the run by ovs-vswitchd and by this pool's HAProxy. */
  cpu: { vswitchd: number; haproxy: number };
}

/** utime + stime in clock ticks (100 Hz) of processes, by pid; gone processes are left out. */
function ticks(pids: number[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      m.set(pid, Number(f[11]) + Number(f[12]));
    } catch {
      // exited
    }
  }
  return m;
}

/** CPU share (1 = one CPU) of each set of pids while `fn` runs. */
async function cpuShares<T>(sets: number[][], fn: () => Promise<T>): Promise<[T, number[]]> {
  const before = sets.map(ticks);
  const t0 = performance.now();
  const r = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const shares = sets.map((pids, i) => {
    let used = 0;
    for (const [pid, v] of ticks(pids)) used += v - (before[i]!.get(pid) ?? v);
    return used / 100 / seconds;
  });
  return [r, shares];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : Number.NaN;
}

/**
 * A connection per request at thousands per second, from one client address:
 * the member (which closes first, after its answer) keeps each connection in
 * TIME_WAIT for 60 s, and once the client reuses a source port that the
 * member still holds, the SYN is taken for an old duplicate and the client
 * waits a second to retry — the direct target collapsed to a few hundred
 * requests/s after its first round while the VIP (whose member connections
 * are kept alive) did not. The member keeps no TIME_WAIT and the client has a
 * wide port range, so both targets are measured alike. Only the benchmark's
 * own host namespaces are changed.
 */
async function tuneForNewConnections(memberNs: string, clientNs: string): Promise<void> {
  await run('sysctl', ['-q', '-w', 'net.ipv4.tcp_max_tw_buckets=0'], { netns: memberNs });
  await run('sysctl', ['-q', '-w', 'net.ipv4.ip_local_port_range=10000 65000', 'net.ipv4.tcp_tw_reuse=1'], { netns: clientNs });
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
  await tuneForNewConnections(hosts.memberHosts[0]!.ns, client);
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
        const vswitchd = findPids((argv) => (argv[0] ?? '').endsWith('ovs-vswitchd'));
        const [result, [vsw = 0, hap = 0]] = await cpuShares([vswitchd, haproxyPidsOf(agent.stateDir)], () =>
          wrk({ ...base, url: target === 'vip' ? lb.url : direct, durationS: DURATION_S }),
        );
        ctx.log(`${datapath} ${mode} round ${round} ${target}: ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors; ovs-vswitchd ${Math.round(vsw * 100)} %, HAProxy ${Math.round(hap * 100)} % of a CPU`);
        runs.push({ datapath, mode, target, round, result, cpu: { vswitchd: vsw, haproxy: hap } });
      }
    }
  }
  return runs;
}

function section(datapath: Datapath, mode: Mode, runs: Run[]): Section {
  const runsOf = (target: 'vip' | 'direct') => runs.filter((r) => r.datapath === datapath && r.mode === mode && r.target === target);
  const vipRuns = runsOf('vip');
  const directRuns = runsOf('direct');
  const vip = vipRuns.map((r) => r.result);
  const direct = directRuns.map((r) => r.result);
  const pct = (xs: number[]) => `${Math.round(median(xs) * 100)} %`;
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
    { metric: 'ovs-vswitchd CPU during VIP / direct runs (median)', value: `${pct(vipRuns.map((r) => r.cpu.vswitchd))} / ${pct(directRuns.map((r) => r.cpu.vswitchd))} of one CPU` },
    { metric: 'HAProxy CPU during VIP runs (median)', value: `${pct(vipRuns.map((r) => r.cpu.haproxy))} of one CPU` },
  ];
  return {
    title: `datapath ${datapath}, ${mode === 'close' ? 'a new connection per request' : 'keep-alive connections'}`,
    rows,
    notes: [
      `wrk -t${THREADS} -c${CONNECTIONS}, ${ROUNDS} rounds × ${DURATION_S} s per target, targets alternating; the client, HAProxy, the member and ovs-vswitchd share ${os.cpus().length} CPUs.`,
      ...(datapath === 'netdev'
        ? ['On the userspace datapath every packet is forwarded by ovs-vswitchd: through the VIP each request crosses the bridge twice (client → HAProxy → member), directly once. When ovs-vswitchd is near one full CPU in both, it is the bottleneck and the ratio tends to 1/2 whatever HAProxy does.']
        : []),
    ],
  };
}

export const netnsThroughput: Benchmark = {
  name: 'netns-throughput',
  requires: ['netns', 'ovs', 'haproxy', 'wrk'],
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
