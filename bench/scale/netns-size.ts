/**
 * One size of the netns-scale benchmark: N load balancers (namespace, OVS
 * port, HAProxy each) on one agent, then the steady-state audit (pass time,
 * agent CPU with its commands, RSS), the status poller alone, the resync after
 * `kill -9`, and deleting everything through the API. Each figure with its
 * goal (issue 12: < 1 s pass, < 5 % CPU, < 150 MB at 100 pools, poller < 2 %,
 * delete 100 pools < 20 s; < 10 s pass at 1000 pools). Bounded in time: the
 * build stops at its deadline and the run measures what was built.
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionContext } from 'ava';
import { nsName } from '../../agent/netns/names.js';
import { watchNamespace } from '../../test/harness/hosts.js';
import type { NetnsAgent } from '../../test/netns/support/agent.js';
import { startRequestLoop } from '../../test/netns/support/client.js';
import { firstSuccess } from '../../test/netns/support/topology.js';
import { goalRow } from '../netns-env.js';
import { p50p99, type Row, type Section } from '../report.js';
import { MiB, argvOf, childrenOf, findPids, ppidOf, pssBytes, rssBytes } from '../support/proc.js';
import { summarize } from '../support/stats.js';

const MEMBERS = 2;
/** Load balancers built (and deleted) at once: the agent converges 4 pools at a time. */
const CONCURRENCY = 4;
/** A VIP create plugs a namespace and starts a HAProxy: generous for a busy host. */
const VIP_WAIT_S = 120;
/** The agent's default audit period, as in production. */
export const AUDIT_S = 5;
/** Steady-state windows (audit and poller): several passes / polls each. */
const WINDOW_MS = 20_000;
const RESYNC_GIVE_UP_MS = 300_000;
const SAMPLED_VIPS = 10;

export interface SizeGoals {
  passS?: number;
  cpuPct?: number;
  rssMB?: number;
  pollerCpuPct?: number;
  deleteS?: number;
  resyncS?: number;
}

export interface SizeInput {
  t: ExecutionContext;
  agent: NetnsAgent;
  pools: number;
  subnet: string;
  client: string;
  memberAddrs: { address: string; port: number }[];
  buildDeadlineMs: number;
  goals: SizeGoals;
  log(m: string): void;
}

/** The agent process started by this benchmark (a child of ours; other processes may name the same dir briefly). */
export function agentPid(agent: NetnsAgent): number {
  const pids = findPids((argv) => argv.some((a) => a.endsWith('agent/cli.js')) && argv.includes(agent.stateDir)).filter((p) => ppidOf(p) === process.pid);
  if (pids.length !== 1) throw new Error(`expected one agent process for ${agent.stateDir}, found ${pids.length}`);
  return pids[0]!;
}

/** utime + stime of a process and of its reaped children (the commands it ran), in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return (f[11]! + f[12]! + f[13]! + f[14]!) / 100;
}

async function metrics(agent: NetnsAgent): Promise<Record<string, number>> {
  const r = await fetch(`${agent.endpoint}/metrics`, { headers: { authorization: `Bearer ${agent.token}` } });
  const text = await r.text();
  const num = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  return {
    ok: num(/^lbaas_reconcile_total\{result="ok"\} (\S+)/m),
    runs: num(/^lbaas_reconcile_seconds_count (\S+)/m),
    runSum: num(/^lbaas_reconcile_seconds_sum (\S+)/m),
    passes: num(/^lbaas_audit_pass_seconds_count (\S+)/m),
    passSum: num(/^lbaas_audit_pass_seconds_sum (\S+)/m),
    outOfSync: num(/^lbaas_audit_out_of_sync_total (\S+)/m),
  };
}

function haproxyMemory(agent: NetnsAgent, poolIds: string[]) {
  let rss = 0;
  let pss = 0;
  for (const id of poolIds) {
    const master = agent.haproxyPid(id);
    if (master === undefined || rssBytes(master) === undefined) continue;
    for (const pid of [master, ...childrenOf(master).filter((p) => (argvOf(p)?.[0] ?? '').endsWith('haproxy'))]) {
      rss += rssBytes(pid) ?? 0;
      pss += pssBytes(pid) ?? 0;
    }
  }
  return { rssBytes: rss, pssBytes: pss };
}

async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      for (let i = next++; i < items.length; i = next++) await fn(items[i]!);
    }),
  );
}

const mb = (b: number) => `${(b / MiB).toFixed(1)} MB`;
const fixed = (v: number, d = 1) => Number(v.toFixed(d));

/** Agent CPU (with its commands) as % of one core, and the metric deltas, over one window. */
async function window(agent: NetnsAgent) {
  const pid = agentPid(agent);
  const m0 = await metrics(agent);
  const c0 = cpuSeconds(pid);
  await sleep(WINDOW_MS);
  const m1 = await metrics(agent);
  const cpuPct = ((cpuSeconds(pid) - c0) / (WINDOW_MS / 1000)) * 100;
  const passes = m1.passes! - m0.passes!;
  const runs = m1.runs! - m0.runs!;
  return {
    cpuPct,
    passes,
    passS: passes > 0 ? (m1.passSum! - m0.passSum!) / passes : Number.NaN,
    runs,
    runMs: runs > 0 ? ((m1.runSum! - m0.runSum!) / runs) * 1000 : Number.NaN,
    outOfSync: m1.outOfSync! - m0.outOfSync!,
    rss: rssBytes(pid) ?? 0,
  };
}

export async function runSize(o: SizeInput): Promise<{ section: Section; data: unknown }> {
  const { agent, pools } = o;
  const c = agent.client;
  o.log(`${pools} pools: building (${MEMBERS} members each, ${CONCURRENCY} at a time, deadline ${o.buildDeadlineMs / 1000} s)`);
  const built: { poolId: string; url: string }[] = [];
  const vipLiveMs: number[] = [];
  let notLive = 0;
  const t0 = performance.now();
  await inParallel(Array.from({ length: pools }, (_, i) => i), CONCURRENCY, async (i) => {
    if (performance.now() - t0 > o.buildDeadlineMs) return;
    const pool = (await c.create('pool', { name: `scale-${i}`, protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: o.subnet })) as { id: string };
    watchNamespace(nsName(pool.id));
    built.push({ poolId: pool.id, url: '' });
    for (const m of o.memberAddrs) await c.create('member', { pool_id: pool.id, address: m.address, protocol_port: m.port });
    const v0 = performance.now();
    const vip = (await c.create('vip', { name: `scale-${i}`, pool_id: pool.id, subnet: o.subnet, protocol: 'HTTP', protocol_port: 80 }, { waitSeconds: VIP_WAIT_S })) as {
      address: string;
      provisioning_status: string;
    };
    vipLiveMs.push(performance.now() - v0);
    if (vip.provisioning_status !== 'ACTIVE') notLive++;
    built.find((b) => b.poolId === pool.id)!.url = `http://${vip.address}/`;
    if (built.length % 50 === 0) o.log(`  ${built.length}/${pools} load balancers`);
  });
  const createS = (performance.now() - t0) / 1000;
  const poolIds = built.map((b) => b.poolId);
  const n = poolIds.length;

  const sampled = built.filter((b, i) => b.url && i % Math.max(1, Math.ceil(n / SAMPLED_VIPS)) === 0);
  let serving = 0;
  for (const b of sampled) if (await firstSuccess(o.client, b.url, 15_000).then(() => true, () => false)) serving++;

  o.log(`${n} pools: steady state, audit every ${AUDIT_S} s, over ${WINDOW_MS / 1000} s`);
  await sleep(AUDIT_S * 1000); // let the passes after the build settle
  const steady = await window(agent);
  const hap = haproxyMemory(agent, poolIds);
  const mastersBefore = new Map(poolIds.map((id) => [id, agent.haproxyPid(id)]));

  const resync = async (withTraffic: boolean) => {
    o.log(`${n} pools: kill -9 of the agent, restart, full resync${withTraffic ? ' (under traffic)' : ''}`);
    const loop = withTraffic && built[0]?.url ? startRequestLoop(o.t, o.client, built[0].url, { maxMs: RESYNC_GIVE_UP_MS + 60_000, timeoutMs: 2_000 }) : undefined;
    if (loop) await sleep(500);
    await agent.kill9();
    const r0 = performance.now();
    // No periodic audit for this start: only its own start-up pass is counted, and the poller can be measured alone.
    await agent.start(['--audit-interval', '3600']);
    let resyncS = Number.NaN;
    while (performance.now() - r0 < RESYNC_GIVE_UP_MS) {
      const m = await metrics(agent).catch(() => undefined);
      if (m && m.ok! >= n) {
        resyncS = (performance.now() - r0) / 1000;
        break;
      }
      await sleep(100);
    }
    return { resyncS, loop: loop ? await loop.stop() : undefined };
  };
  const idle = await resync(false);
  o.log(`${n} pools: status poller alone (no audit) over ${WINDOW_MS / 1000} s`);
  const poller = await window(agent);
  const busy = await resync(true);
  const restarted = poolIds.filter((id) => agent.haproxyPid(id) !== mastersBefore.get(id)).length;

  o.log(`${n} pools: deleting through the API`);
  const d0 = performance.now();
  await inParallel(poolIds, CONCURRENCY, async (id) => void (await c.delete('pool', id, { cascade: true, waitSeconds: VIP_WAIT_S })));
  const deleteS = (performance.now() - d0) / 1000;

  const g = o.goals;
  const ctxRow = (metric: string, value: string): Row => ({ metric, value });
  const rows: Row[] = [
    ctxRow(`load balancers built (of ${pools} asked; ${MEMBERS} members, VIP with ?wait)`, `${n} in ${createS.toFixed(1)} s`),
    ctxRow('VIP create → live, p50 / p99', p50p99(summarize(vipLiveMs))),
    { metric: 'VIPs not live when answered', value: String(notLive), goal: '0', met: notLive === 0 },
    ctxRow('sampled VIPs answering from the client namespace', `${serving} of ${sampled.length}`),
    g.passS !== undefined
      ? goalRow(`audit pass: one read of the host + check of ${n} pools (mean of ${steady.passes})`, fixed(steady.passS, 2), 's', g.passS)
      : ctxRow('audit pass', `${steady.passS.toFixed(2)} s`),
    ctxRow('full runs the passes queued (drift or deep check), mean run', `${steady.runs} in ${WINDOW_MS / 1000} s, ${steady.runMs.toFixed(0)} ms`),
    g.cpuPct !== undefined
      ? goalRow(`idle agent CPU with its commands (audit every ${AUDIT_S} s + status)`, fixed(steady.cpuPct), '% of one CPU', g.cpuPct)
      : ctxRow('idle agent CPU with its commands', `${steady.cpuPct.toFixed(1)} % of one CPU`),
    g.rssMB !== undefined ? goalRow('agent RSS', fixed(steady.rss / MiB), 'MB', g.rssMB) : ctxRow('agent RSS', mb(steady.rss)),
    g.pollerCpuPct !== undefined
      ? goalRow('status poller alone (no audit): agent CPU', fixed(poller.cpuPct, 2), '% of one CPU', g.pollerCpuPct)
      : ctxRow('status poller alone (no audit): agent CPU', `${poller.cpuPct.toFixed(2)} % of one CPU`),
    ctxRow('HAProxy RSS / PSS per pool (master + worker)', `${mb(hap.rssBytes / Math.max(1, n))} / ${mb(hap.pssBytes / Math.max(1, n))}`),
    g.resyncS !== undefined ? goalRow('resync after kill -9 (start → every pool run once)', fixed(idle.resyncS), 's', g.resyncS) : ctxRow('resync after kill -9', `${idle.resyncS.toFixed(1)} s`),
    ctxRow('same, with a request loop through one VIP', `${busy.resyncS.toFixed(1)} s`),
    { metric: 'HAProxy restarted by the resyncs', value: String(restarted), goal: '0', met: restarted === 0 },
    ...(busy.loop
      ? [{ metric: 'requests through one VIP during the restart: failed / sent', value: `${busy.loop.failures.length} / ${busy.loop.total}`, goal: '0 failed', met: busy.loop.failures.length === 0 }]
      : []),
    g.deleteS !== undefined ? goalRow(`delete ${n} pools (cascade, ?wait, ${CONCURRENCY} at a time)`, fixed(deleteS), 's', g.deleteS) : ctxRow(`delete ${n} pools`, `${deleteS.toFixed(1)} s`),
  ];
  return {
    section: { title: `${n} pools`, rows },
    data: {
      pools: n,
      asked: pools,
      goals: g,
      createS,
      vipLiveMs: summarize(vipLiveMs),
      notLive,
      serving: { ok: serving, sampled: sampled.length },
      steady,
      poller,
      haproxy: hap,
      resync: { idleS: idle.resyncS, underTrafficS: busy.resyncS, restarted, loop: busy.loop },
      deleteS,
    },
  };
}
