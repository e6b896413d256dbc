/**
 * ACTIVE_STANDBY data plane with real parts: two agents' namespaces on one
 * OVS bridge, real HAProxy and keepalived (VRRPv3, unicast), real HTTP
 * members, a client namespace. Each failure is injected while a bounded
 * client loop runs; the longest gap between two successful requests is
 * logged (bench/ha-failover.ts measures it repeatedly). The agent's audit is
 * `p.converge(side)`, run by the test where the agent would run it.
 */
import anyTest, { type ExecutionContext } from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../../agent/exec/run.js';
import { requires } from '../harness/requires.js';
import { useTestOvs } from '../harness/ovs.js';
import { hostLeftovers, httpGetEventually } from '../harness/hosts.js';
import { eventually } from '../harness/http.js';
import { startRequestLoop, type LoopResult } from '../netns/support/client.js';
import { ELECTION_MS, pair, type Pair, type Side } from './support/pair.js';
import { arpOwners, neighMac } from './support/observe.js';
import { injectFailure, type FailureKind } from './support/failures.js';

const test = requires(anyTest, 'keepalived', 'netns', 'ovs', 'haproxy');
const ovs = useTestOvs(test, { leftovers: hostLeftovers });

/** Longest the client loop runs; every scenario ends well before. */
const LOOP_MAX_MS = 60_000;
/** A takeover is a few adverts plus one check interval; far below this. */
const TAKEOVER_MS = 15_000;

async function macOf(s: Side): Promise<string> {
  const out = await run('ip', ['-n', s.netns(), '-j', 'link', 'show', 'dev', s.device()]);
  return (JSON.parse(out.stdout) as { address: string }[])[0]!.address.toLowerCase();
}

/** One owner of the VIP, seen from the hosts (addresses) and from the client (ARP answers, neighbour entry). */
async function assertSingleOwner(t: ExecutionContext, p: Pair, master: Side): Promise<void> {
  t.is((await p.owner())?.agentId, master.agentId, 'only the master has the VIP on its device');
  const mac = await macOf(master);
  t.deepEqual(await arpOwners(p.client.ns, p.client.dev, p.vip), [mac], 'only the master answers ARP for the VIP');
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true });
  t.is(await neighMac(p.client.ns, p.vip), mac, "the client's neighbour entry points at the master");
}

/** The failure on the master while a client loop runs; returns when the backup is MASTER and traffic ran a second more. */
async function failWithTraffic(t: ExecutionContext, p: Pair, master: Side, backup: Side, kind: FailureKind): Promise<LoopResult & { injectedAt: number }> {
  const loop = startRequestLoop(t, p.client.ns, p.url, { maxMs: LOOP_MAX_MS, timeoutMs: 500 });
  await sleep(1_000);
  const injectedAt = Date.now();
  await injectFailure(p, master, kind);
  await roleOf(p, backup, 'MASTER');
  await sleep(1_000);
  const r = await loop.stop();
  t.log(`${kind}: longest gap ${r.maxGapMs} ms, ${r.failures.length} failed of ${r.total} requests`);
  t.true(r.ok > 0, 'the VIP answered around the failure');
  return { ...r, injectedAt };
}

async function up(t: ExecutionContext, o: Parameters<typeof pair>[2] = {}) {
  const p = await pair(t, ovs, o);
  await p.convergeAll();
  const [master, backup] = await p.settled();
  return { p, master, backup };
}

async function roleOf(p: Pair, s: Side, want: string, timeoutMs = TAKEOVER_MS): Promise<void> {
  await eventually(async () => s.member.role(p.poolId)?.role === want, timeoutMs, 20);
}

test.serial('the pair comes up with one MASTER and one BACKUP; the VIP answers from the master only', async (t) => {
  const { p, master, backup } = await up(t);
  t.not(master.agentId, backup.agentId);
  t.is(master.agentId, p.sides[0].agentId, 'the first agent (higher priority) wins the first election');
  await assertSingleOwner(t, p, master);
  // Both HAProxies run (the standby is warm) and bind the VIP.
  for (const s of p.sides) t.true(p.haproxyPids(s).length >= 2, `${s.agentId}: master and worker running`);
  // A second audit changes nothing.
  for (const s of p.sides) {
    const r = await p.converge(s);
    t.deepEqual(r.drift, [], `${s.agentId}: no drift`);
    t.is(r.keepalived, 'none');
  }
});

test.serial('kill -9 of the master HAProxy: the standby takes over, the HAProxy is restarted, one owner', async (t) => {
  const { p, master, backup } = await up(t);
  const r = await failWithTraffic(t, p, master, backup, 'haproxy-kill');
  const killedAt = r.injectedAt;
  await roleOf(p, master, 'FAULT');
  t.true(r.recoveries.length <= 1);
  const faultAt = Date.parse(master.changes.find((c) => c.to === 'FAULT')!.at);
  const masterAt = Date.parse(backup.changes.find((c) => c.to === 'MASTER')!.at);
  t.log(`kill→FAULT ${faultAt - killedAt} ms, kill→new MASTER ${masterAt - killedAt} ms`);

  const audit = await p.converge(master);
  t.true(audit.drift.some((d) => d.kind === 'haproxy_not_running'), JSON.stringify(audit.drift));
  t.true(p.haproxyPids(master).length >= 2, 'restarted');
  // Healthy again (rise 2), it rejoins as BACKUP: no failback without preempt.
  await roleOf(p, master, 'BACKUP');
  await assertSingleOwner(t, p, backup);
});

test.serial('kill -9 of the master keepalived (parent and VRRP child): takeover; the audit removes the stale VIP and restarts it', async (t) => {
  const { p, master, backup } = await up(t);
  await failWithTraffic(t, p, master, backup, 'keepalived-kill');
  t.is(master.member.role(p.poolId)?.role, 'UNKNOWN', 'no keepalived, no role');

  const audit = await p.converge(master);
  const kinds = audit.drift.map((d) => d.kind);
  // The VIP left behind is removed by the audit (vip_stale) unless keepalived's parent had already
  // respawned its VRRP child before it died (a starting child drops its VIPs itself): either way one owner.
  t.true(kinds.includes('keepalived_not_running'), JSON.stringify(audit.drift));
  t.true(kinds.every((k) => ['keepalived_not_running', 'vip_stale'].includes(k)), JSON.stringify(audit.drift));
  t.is(audit.keepalived, 'start');
  await roleOf(p, master, 'BACKUP');
  await sleep(1_000); // well past any election a returning peer could cause
  t.is(backup.member.role(p.poolId)?.role, 'MASTER', 'no failback');
  await assertSingleOwner(t, p, backup);
});

test.serial('host loss (processes killed, namespace and port gone): takeover; on return no failback', async (t) => {
  const { p, master, backup } = await up(t);
  await failWithTraffic(t, p, master, backup, 'host-loss');

  // The host returns: its agent rebuilds the pool; keepalived starts as BACKUP and stays so.
  const audit = await p.converge(master);
  t.true(audit.drift.some((d) => d.kind === 'namespace_missing'), JSON.stringify(audit.drift));
  await roleOf(p, master, 'BACKUP', ELECTION_MS);
  await sleep(1_000);
  t.is(backup.member.role(p.poolId)?.role, 'MASTER', 'no failback');
  await assertSingleOwner(t, p, backup);
});

test.serial('with preempt, the first agent takes the VIP back when it returns', async (t) => {
  const { p, master, backup } = await up(t, { preempt: true, subnet: 2 });
  await injectFailure(p, master, 'haproxy-kill');
  await roleOf(p, backup, 'MASTER');
  await p.converge(master);
  await roleOf(p, master, 'MASTER', ELECTION_MS);
  await roleOf(p, backup, 'BACKUP');
  await assertSingleOwner(t, p, master);
});
