/**
 * Benchmark "netns-throughput" (issues 3 and 12): from client namespaces on
 * the OVS bridge, wrk's requests/s and p99 through a VIP (HAProxy in its
 * pool namespace) versus directly to the one member behind it, and versus
 * the topology's physical ceiling — the same member reached through a
 * kernel-only forwarder that makes the packets cross the bridge twice like
 * the VIP path does (bench/netns-forwarder.ts). Per datapath (netdev only
 * where the openvswitch kernel module is missing) and per connection mode:
 * keep-alive, and a new TCP connection per request. The three targets
 * alternate round by round so a change in host load hits them alike; ratios
 * are taken per round and their median reported: on a shared host, load
 * changes between rounds are larger than the difference being measured.
 */
import { run } from '../agent/exec/run.js';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createHost } from '../test/harness/hosts.js';
import { startNetnsAgent } from '../test/netns/support/agent.js';
import { haproxyPidsOf } from '../test/netns/support/procs.js';
import { createLb, firstSuccess, hostsOn, networkFor } from '../test/netns/support/topology.js';
import type { Benchmark } from './benchmark.js';
import { availableDatapaths, benchBridge, requireRoot, shim, type Datapath } from './netns-env.js';
import { routerTxPackets, routeViaForwarder } from './netns-forwarder.js';
import type { BenchReport, Row, Section } from './report.js';
import { benchTiming, startBench, toolVersion } from './support/machine.js';
import { findPids } from './support/proc.js';
import { wrk, type WrkResult } from './support/wrk.js';

const ROUNDS = 3;
const DURATION_S = 5;
const WARMUP_S = 2;
/** Two wrk threads for two cores; 16 connections keep HAProxy and the member busy without queueing for long. */
const THREADS = 2;
const CONNECTIONS = 16;
const MODES = ['keep-alive', 'close'] as const;
/** Issue 12: the VIP within 0.9 of what the topology allows (the forwarder path). */
const CEILING_RATIO_GOAL = 0.9;
/** Router host address on the benchmark network (members are .101…, clients .201…). */
const ROUTER_HOST = 150;

type Mode = (typeof MODES)[number];
type TargetName = 'vip' | 'direct' | 'ceiling';
const TARGETS: TargetName[] = ['direct', 'ceiling', 'vip'];

interface Run {
  datapath: Datapath;
  mode: Mode;
  target: TargetName;
  round: number;
  result: WrkResult;
  /** Share of one CPU used during the run by ovs-vswitchd and by this pool's HAProxy. */
  cpu: { vswitchd: number; haproxy: number };
  /** Packets the forwarder sent during the run (ceiling runs only): proves the path went through it. */
  forwarded?: number;
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
 * are kept alive) did not. The member keeps no TIME_WAIT and the clients
 * have a wide port range, so all targets are measured alike. Only the
 * benchmark's own host namespaces are changed.
 */
async function tuneForNewConnections(memberNs: string, clientNss: string[]): Promise<void> {
  await run('sysctl', ['-q', '-w', 'net.ipv4.tcp_max_tw_buckets=0'], { netns: memberNs });
  for (const ns of clientNss) await run('sysctl', ['-q', '-w', 'net.ipv4.ip_local_port_range=10000 65000', 'net.ipv4.tcp_tw_reuse=1'], { netns: ns });
}

async function measureDatapath(ctx: Parameters<Benchmark['run']>[0], datapath: Datapath): Promise<Run[]> {
  const t = shim(ctx);
  const bridge = await benchBridge(ctx, datapath);
  const net = networkFor(bridge);
  const hosts = await hostsOn(t, bridge, net, { members: 1, clients: 2 });
  const prefix = net.cidr.split('.').slice(0, 3).join('.');
  const router = await createHost(t, { bridge, cidr: `${prefix}.${ROUTER_HOST}/${net.cidr.split('/')[1]}`, label: 'fwd' });
  const agent = await startNetnsAgent(t, { networks: [net], ovsDb: bridge.db, auditInterval: 5 });
  const lb = await createLb(t, { agent, network: net, members: hosts.members });
  const [client, viaClient] = hosts.clients as [(typeof hosts.clients)[0], (typeof hosts.clients)[0]];
  const member = hosts.members[0]!;
  await routeViaForwarder(router, viaClient, hosts.memberHosts[0]!);
  await tuneForNewConnections(hosts.memberHosts[0]!.ns, [client.ns, viaClient.ns]);
  const direct = `http://${member.address}:${member.port}/`;
  const url: Record<TargetName, { ns: string; url: string }> = {
    vip: { ns: client.ns, url: lb.url },
    direct: { ns: client.ns, url: direct },
    ceiling: { ns: viaClient.ns, url: direct },
  };
  for (const target of TARGETS) await firstSuccess(url[target].ns, url[target].url);
  ctx.log(`${datapath}: VIP ${lb.url}, member ${direct}, forwarder ${router.address}`);

  const runs: Run[] = [];
  for (const mode of MODES) {
    const base = { threads: THREADS, connections: CONNECTIONS, mode };
    for (const target of TARGETS) await wrk({ ...base, ...url[target], durationS: WARMUP_S });
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate which target goes first.
      const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length]!);
      for (const target of order) {
        const vswitchd = findPids((argv) => (argv[0] ?? '').endsWith('ovs-vswitchd'));
        const txBefore = target === 'ceiling' ? await routerTxPackets(router) : 0;
        const [result, [vsw = 0, hap = 0]] = await cpuShares([vswitchd, haproxyPidsOf(agent.stateDir)], () =>
          wrk({ ...base, ...url[target], durationS: DURATION_S }),
        );
        const forwarded = target === 'ceiling' ? (await routerTxPackets(router)) - txBefore : undefined;
        if (forwarded !== undefined && !(forwarded >= result.requests)) throw new Error(`the forwarder sent ${forwarded} packets for ${result.requests} requests: the ceiling path did not go through it`);
        ctx.log(`${datapath} ${mode} round ${round} ${target}: ${Math.round(result.rps)} req/s, p99 ${result.p99Ms} ms, ${result.errors} errors; ovs-vswitchd ${Math.round(vsw * 100)} %, HAProxy ${Math.round(hap * 100)} % of a CPU`);
        runs.push({ datapath, mode, target, round, result, cpu: { vswitchd: vsw, haproxy: hap }, ...(forwarded !== undefined ? { forwarded } : {}) });
      }
    }
  }
  return runs;
}

function section(datapath: Datapath, mode: Mode, runs: Run[]): Section {
  const of = (target: TargetName) => runs.filter((r) => r.datapath === datapath && r.mode === mode && r.target === target).sort((a, b) => a.round - b.round);
  const [vip, direct, ceiling] = (['vip', 'direct', 'ceiling'] as const).map(of) as [Run[], Run[], Run[]];
  const rps = (rs: Run[]) => median(rs.map((r) => r.result.rps)).toFixed(0);
  const p99 = (rs: Run[]) => `${median(rs.map((r) => r.result.p99Ms)).toFixed(2)} ms`;
  const perRound = (a: Run[], b: Run[]) => a.map((r, i) => r.result.rps / (b[i]?.result.rps ?? Number.NaN));
  const pct = (xs: number[]) => `${Math.round(median(xs) * 100)} %`;
  const vipToCeiling = perRound(vip, ceiling);
  const ceilingToDirect = perRound(ceiling, direct);
  const vipToDirect = perRound(vip, direct);
  const errors = [...vip, ...direct, ...ceiling].reduce((a, r) => a + r.result.errors, 0);
  const ratio = median(vipToCeiling);
  const rows: Row[] = [
    { metric: 'requests/s, client → member directly (median of rounds)', value: rps(direct) },
    { metric: 'requests/s, ceiling: client → kernel forwarder → member (bridge crossed twice, no proxy)', value: rps(ceiling) },
    { metric: 'requests/s, client → VIP (HAProxy) → member', value: rps(vip) },
    { metric: `ceiling of this topology: forwarder / direct (measured, median of per-round ratios${datapath === 'netdev' ? '; ≈ 0.5 when ovs-vswitchd is the bottleneck' : ''})`, value: median(ceilingToDirect).toFixed(2) },
    { metric: 'VIP / ceiling (median of per-round ratios)', value: ratio.toFixed(2), goal: `>= ${CEILING_RATIO_GOAL}`, met: ratio >= CEILING_RATIO_GOAL },
    { metric: 'VIP / direct', value: median(vipToDirect).toFixed(2) },
    { metric: 'per-round VIP / ceiling', value: vipToCeiling.map((r) => r.toFixed(2)).join(' ') },
    { metric: 'p99 latency direct / ceiling / VIP', value: `${p99(direct)} / ${p99(ceiling)} / ${p99(vip)}` },
    { metric: 'errors (wrk socket errors + non-2xx), all rounds', value: String(errors), goal: '0', met: errors === 0 },
    { metric: 'ovs-vswitchd CPU during direct / ceiling / VIP runs (median)', value: `${pct(direct.map((r) => r.cpu.vswitchd))} / ${pct(ceiling.map((r) => r.cpu.vswitchd))} / ${pct(vip.map((r) => r.cpu.vswitchd))} of one CPU` },
    { metric: 'HAProxy CPU during VIP runs (median)', value: `${pct(vip.map((r) => r.cpu.haproxy))} of one CPU` },
  ];
  const notes = [
    `wrk -t${THREADS} -c${CONNECTIONS}${mode === 'close' ? " -H 'Connection: close'" : ''}, ${ROUNDS} rounds × ${DURATION_S} s per target, targets rotating; the clients, the forwarder, HAProxy, the member and ovs-vswitchd share ${os.cpus().length} CPUs.`,
  ];
  if (datapath === 'netdev') {
    notes.push('On the userspace datapath ovs-vswitchd forwards every packet: through the VIP or the forwarder each packet crosses the bridge twice, directly once. When ovs-vswitchd is the bottleneck, about 1/2 of direct is all the topology allows; the forwarder row measures it.');
  }
  if (mode === 'close') {
    notes.push('With a connection per request HAProxy keeps its member connections alive, so fewer packets cross the bridge twice than on the forwarder path (which carries every handshake twice): a VIP / ceiling above 1 would not be an error here.');
  }
  return { title: `datapath ${datapath}, ${mode === 'close' ? 'a new connection per request' : 'keep-alive connections'}`, rows, notes };
}

export const netnsThroughput: Benchmark = {
  name: 'netns-throughput',
  requires: ['netns', 'ovs', 'haproxy', 'wrk'],
  description: 'wrk from client namespaces: VIP (HAProxy in its namespace) vs member directly vs the bridge-twice ceiling: req/s, p99, ratios per datapath',
  async run(ctx): Promise<BenchReport> {
    requireRoot();
    const wrkVersion = await toolVersion('wrk', ['--version']);
    if (wrkVersion.endsWith('not installed')) throw new Error('wrk is not installed (tool group "wrk", Debian package wrk)');
    const bench = await startBench();
    const datapaths = availableDatapaths();
    const runs: Run[] = [];
    for (const dp of datapaths) runs.push(...(await measureDatapath(ctx, dp)));
    const sections = datapaths.flatMap((dp) => MODES.map((m) => section(dp, m, runs)));
    if (!datapaths.includes('system')) sections[0]!.notes!.push('datapath system: not measured, the openvswitch kernel module is not loaded on this host.');
    return {
      name: 'netns-throughput',
      ...benchTiming(bench),
      environment: { wrk: wrkVersion, datapaths: datapaths.join(','), rounds: ROUNDS, durationS: DURATION_S, threads: THREADS, connections: CONNECTIONS },
      sections,
      data: { goals: { vipToCeiling: CEILING_RATIO_GOAL }, runs },
    };
  },
};
