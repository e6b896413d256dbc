/**
 * Benchmark "netns-scale" (issue 3): 100 pools on one agent with the netns
 * driver — 100 namespaces, 100 OVS ports, 100 HAProxy. Measures the total
 * create time, the agent's RSS, HAProxy's memory per pool, what the periodic
 * audit of 100 pools costs, and the full resync after `kill -9` of the agent
 * (until every pool has been reconciled once), with a request loop through
 * one VIP during the restart and a check that no HAProxy was restarted.
 * Then every pool is deleted through the API and the time is reported.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { nsName } from '../agent/netns/names.js';
import { watchNamespace } from '../test/harness/hosts.js';
import { startNetnsAgent, type NetnsAgent } from '../test/netns/support/agent.js';
import { startRequestLoop } from '../test/netns/support/client.js';
import { firstSuccess, hostsOn, type NetConfig } from '../test/netns/support/topology.js';
import type { Benchmark } from './benchmark.js';
import { availableDatapaths, benchBridge, goalRow, requireRoot, shim } from './netns-env.js';
import { p50p99, type Row } from './report.js';
import { benchTiming, startBench } from './support/machine.js';
import { MiB, childrenOf, argvOf, findPids, pssBytes, rssBytes } from './support/proc.js';
import { summarize } from './support/stats.js';

const POOLS = 100;
const MEMBERS = 2;
/** Load balancers built at once: the agent converges 4 pools at a time. */
const BUILD_CONCURRENCY = 4;
/** A VIP create plugs a namespace and starts a HAProxy: generous for a busy host. */
const VIP_WAIT_S = 120;
/** The agent's default audit period, as in production. */
const AUDIT_S = 5;
/** Window over which the steady-state audit cost is measured. */
const AUDIT_WINDOW_MS = 20_000;
const RESYNC_GOAL_S = 10;
/** Polling /metrics for the resync; bounded. */
const RESYNC_GIVE_UP_MS = 180_000;
const SAMPLED_VIPS = 10;

interface Built {
  poolId: string;
  vipId: string;
  url: string;
}

function agentPid(agent: NetnsAgent): number {
  const pids = findPids((argv) => argv.some((a) => a.endsWith('agent/cli.js')) && argv.includes(agent.stateDir));
  if (pids.length !== 1) throw new Error(`expected one agent process for ${agent.stateDir}, found ${pids.length}`);
  return pids[0]!;
}

/** utime + stime of a process and its reaped children (the commands it ran), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 here (the first two fields were cut).
  return (f[11]! + f[12]! + f[13]! + f[14]!) / 100;
}

async function metrics(agent: NetnsAgent): Promise<{ ok: number; count: number; sum: number }> {
  const r = await fetch(`${agent.endpoint}/metrics`, { headers: { authorization: `Bearer ${agent.token}` } });
  const text = await r.text();
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  return {
    ok: num(/^lbaas_reconcile_total\{result="ok"\} (\S+)/m),
    count: num(/^lbaas_reconcile_seconds_count (\S+)/m),
    sum: num(/^lbaas_reconcile_seconds_sum (\S+)/m),
  };
}

function haproxyMemory(agent: NetnsAgent, poolIds: string[]) {
  let rss = 0;
  let pss = 0;
  let processes = 0;
  let missing = 0;
  for (const id of poolIds) {
    const master = agent.haproxyPid(id);
    if (master === undefined || rssBytes(master) === undefined) {
      missing++;
      continue;
    }
    const workers = childrenOf(master).filter((p) => (argvOf(p)?.[0] ?? '').endsWith('haproxy'));
    for (const pid of [master, ...workers]) {
      processes++;
      rss += rssBytes(pid) ?? 0;
      pss += pssBytes(pid) ?? 0;
    }
  }
  return { rssBytes: rss, pssBytes: pss, processes, missing };
}

async function inParallel<T>(items: T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]!, i);
    }),
  );
}

const mb = (b: number) => `${(b / MiB).toFixed(1)} MB`;

export const netnsScale: Benchmark = {
  name: 'netns-scale',
  requires: ['netns', 'ovs', 'haproxy'],
  description: `${POOLS} pools with namespaces on one agent: create time, agent and HAProxy memory, audit cost, resync after kill -9`,
  async run(ctx) {
    requireRoot();
    const bench = await startBench();
    const t = shim(ctx);
    const datapath = availableDatapaths().includes('system') ? 'system' : 'netdev';
    const bridge = await benchBridge(ctx, datapath);
    const net: NetConfig = {
      name: 'scale',
      bridge: bridge.name,
      cidr: '10.81.0.0/23',
      gateway: '10.81.0.1',
      allocation_range: { start: '10.81.1.1', end: '10.81.1.250' },
    };
    const hosts = await hostsOn(t, bridge, net, { members: MEMBERS, clients: 1 });
    const client = hosts.clients[0]!.ns;
    const agent = await startNetnsAgent(t, { networks: [net], ovsDb: bridge.db, auditInterval: AUDIT_S });
    const c = agent.client;
    const rssIdle = rssBytes(agentPid(agent)) ?? 0;

    // Build.
    ctx.log(`building ${POOLS} load balancers (${MEMBERS} members each), ${BUILD_CONCURRENCY} at a time`);
    const built: Built[] = [];
    const vipLiveMs: number[] = [];
    let notLive = 0;
    const t0 = performance.now();
    await inParallel(Array.from({ length: POOLS }, (_, i) => i), BUILD_CONCURRENCY, async (i) => {
      const pool = (await c.create('pool', { name: `scale-${i}`, protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: net.name })) as { id: string };
      watchNamespace(nsName(pool.id));
      for (const m of hosts.members) await c.create('member', { pool_id: pool.id, address: m.address, protocol_port: m.port });
      const v0 = performance.now();
      const vip = (await c.create('vip', { name: `scale-${i}`, pool_id: pool.id, subnet: net.name, protocol: 'HTTP', protocol_port: 80 }, { waitSeconds: VIP_WAIT_S })) as {
        id: string;
        address: string;
        provisioning_status: string;
      };
      vipLiveMs.push(performance.now() - v0);
      if (vip.provisioning_status !== 'ACTIVE') notLive++;
      built.push({ poolId: pool.id, vipId: vip.id, url: `http://${vip.address}/` });
      if (built.length % 20 === 0) ctx.log(`  ${built.length}/${POOLS} load balancers`);
    });
    const createS = (performance.now() - t0) / 1000;
    const poolIds = built.map((b) => b.poolId);

    // Serving?
    const sampled = built.filter((_, i) => i % Math.ceil(POOLS / SAMPLED_VIPS) === 0);
    let serving = 0;
    for (const b of sampled) if (await firstSuccess(client, b.url, 15_000).then(() => true, () => false)) serving++;

    // Steady state: memory and the audit's cost.
    ctx.log(`steady state: measuring the periodic audit over ${AUDIT_WINDOW_MS / 1000} s`);
    let pid = agentPid(agent);
    const m0 = await metrics(agent);
    const cpu0 = cpuSeconds(pid);
    await sleep(AUDIT_WINDOW_MS);
    const m1 = await metrics(agent);
    const cpuShare = (cpuSeconds(pid) - cpu0) / (AUDIT_WINDOW_MS / 1000);
    const runs = m1.count - m0.count;
    const meanRunMs = runs > 0 ? ((m1.sum - m0.sum) / runs) * 1000 : Number.NaN;
    const auditPassS = runs > 0 ? (AUDIT_WINDOW_MS / 1000) * (POOLS / runs) : Number.NaN;
    const rss = rssBytes(pid) ?? 0;
    const hap = haproxyMemory(agent, poolIds);
    const mastersBefore = new Map(poolIds.map((id) => [id, agent.haproxyPid(id)]));

    // Resync after kill -9: once with the data plane idle, once under traffic through one VIP.
    const resync = async (withTraffic: boolean) => {
      ctx.log(`kill -9 of the agent, restart, full resync${withTraffic ? ' (under traffic)' : ''}`);
      const loop = withTraffic ? startRequestLoop(t, client, built[0]!.url, { maxMs: RESYNC_GIVE_UP_MS + 60_000, timeoutMs: 2_000 }) : undefined;
      if (loop) await sleep(500);
      await agent.kill9();
      const r0 = performance.now();
      // A long audit period for this start, so that only the start's own pass is counted.
      await agent.start(['--audit-interval', '3600']);
      const listeningS = (performance.now() - r0) / 1000;
      const newPid = agentPid(agent);
      let resyncS = Number.NaN;
      while (performance.now() - r0 < RESYNC_GIVE_UP_MS) {
        const m = await metrics(agent).catch(() => undefined);
        if (m && m.ok >= POOLS) {
          resyncS = (performance.now() - r0) / 1000;
          break;
        }
        await sleep(100);
      }
      // CPU the new agent spent on it (its own and its commands'): less dependent on other load than the wall time.
      const cpuS = cpuSeconds(newPid);
      return { listeningS, resyncS, cpuS, loop: loop ? await loop.stop() : undefined };
    };
    const idle = await resync(false);
    const busy = await resync(true);
    const loopResult = busy.loop!;
    pid = agentPid(agent);
    const restarted = poolIds.filter((id) => agent.haproxyPid(id) !== mastersBefore.get(id)).length;
    const afterResync = await metrics(agent);

    // Delete everything through the API.
    ctx.log(`deleting ${POOLS} pools through the API`);
    const d0 = performance.now();
    await inParallel(poolIds, BUILD_CONCURRENCY, async (id) => void (await c.delete('pool', id, { cascade: true, waitSeconds: VIP_WAIT_S })));
    const deleteS = (performance.now() - d0) / 1000;

    const rows: Row[] = [
      { metric: `total create time (${POOLS} × pool + ${MEMBERS} members + VIP with ?wait, ${BUILD_CONCURRENCY} at a time)`, value: `${createS.toFixed(1)} s` },
      { metric: 'VIP create → live (namespace, port, HAProxy), p50 / p99', value: p50p99(summarize(vipLiveMs)) },
      { metric: 'VIPs not live when answered', value: String(notLive), goal: '0', met: notLive === 0 },
      { metric: 'sampled VIPs answering from the client namespace', value: `${serving} of ${sampled.length}` },
      { metric: `agent RSS with ${POOLS} pools`, value: mb(rss) },
      { metric: 'agent RSS before any pool', value: mb(rssIdle) },
      { metric: 'HAProxy RSS per pool (master + worker)', value: mb(hap.rssBytes / POOLS) },
      { metric: 'HAProxy PSS per pool (shared pages split)', value: mb(hap.pssBytes / POOLS) },
      { metric: 'HAProxy processes (masters + workers)', value: `${hap.processes}${hap.missing ? `, ${hap.missing} pools without a master` : ''}` },
      { metric: `periodic audit: one reconcile run (mean over ${runs} runs)`, value: `${meanRunMs.toFixed(0)} ms` },
      { metric: `periodic audit: time for a pass over ${POOLS} pools`, value: `${auditPassS.toFixed(1)} s (period ${AUDIT_S} s)` },
      { metric: 'agent CPU with its commands, steady state', value: `${(cpuShare * 100).toFixed(0)} % of one CPU` },
      goalRow('full resync after kill -9 (start → every pool reconciled once)', Number.isNaN(idle.resyncS) ? undefined : Number(idle.resyncS.toFixed(1)), 's', RESYNC_GOAL_S),
      { metric: 'of which: start until listening (adoption scan)', value: `${idle.listeningS.toFixed(1)} s` },
      { metric: 'CPU the restarted agent used for it (its own + its commands)', value: `${idle.cpuS.toFixed(1)} s` },
      goalRow('same, with a request loop through one VIP meanwhile', Number.isNaN(busy.resyncS) ? undefined : Number(busy.resyncS.toFixed(1)), 's', RESYNC_GOAL_S),
      { metric: 'HAProxy restarted by the two resyncs', value: String(restarted), goal: '0', met: restarted === 0 },
      {
        metric: 'requests through one VIP during the restart: failed / sent',
        value: `${loopResult.failures.length} / ${loopResult.total}`,
        goal: '0 failed',
        met: loopResult.failures.length === 0,
      },
      { metric: `delete ${POOLS} pools (cascade, ?wait, ${BUILD_CONCURRENCY} at a time)`, value: `${deleteS.toFixed(1)} s` },
    ];
    return {
      name: 'netns-scale',
      ...benchTiming(bench),
      environment: { datapath },
      sections: [
        {
          title: `${POOLS} pools with namespaces, netns driver, datapath ${datapath}`,
          rows,
          notes: [
            `Resync: the restarted agent gets --audit-interval 3600 so that lbaas_reconcile_total counts only its start-up pass; measured from spawning the agent.`,
            `Audit cost: reconcile runs and agent CPU (its own plus the ip/ovs-vsctl/ethtool it runs) over ${AUDIT_WINDOW_MS / 1000} s of steady state, audit every ${AUDIT_S} s.`,
          ],
        },
      ],
      data: {
        goals: { resyncS: RESYNC_GOAL_S },
        createS,
        vipLiveMs: summarize(vipLiveMs),
        notLive,
        agent: { rssBytes: rss, idleRssBytes: rssIdle },
        haproxy: hap,
        audit: { runs, meanRunMs, auditPassS, cpuShare },
        resync: { idle: { resyncS: idle.resyncS, listeningS: idle.listeningS, cpuS: idle.cpuS }, underTraffic: { resyncS: busy.resyncS, listeningS: busy.listeningS, cpuS: busy.cpuS }, restarted, reconcileOk: afterResync.ok, loop: loopResult },
        deleteS,
      },
    };
  },
};
