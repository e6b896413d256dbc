/**
 * Lifecycle of a load balancer with the netns driver, seen from a client
 * namespace: create → traffic; delete → nothing left (namespace, OVS port,
 * HAProxy); agent `kill -9` + restart → traffic never stops and nothing is
 * duplicated; namespace or OVS port deleted by hand → repaired by the audit,
 * serving again, and recorded as drift on the pool and the VIP.
 */
import anyTest, { type ExecutionContext } from 'ava';
import { requires } from '../harness/requires.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../../agent/exec/run.js';
import { nsName, tapName } from '../../agent/netns/names.js';
import { useTestOvs } from '../harness/ovs.js';
import { eventually } from '../harness/http.js';
import { requestBatch, startRequestLoop } from './support/client.js';
import { haproxyPidsOf } from './support/procs.js';
import { WAIT_S, createLb, firstSuccess, netnsLeftovers, poolRemains, world, type Lb, type World } from './support/topology.js';

const test = requires(anyTest, 'netns', 'ovs', 'haproxy');
const ovs = useTestOvs(test, { leftovers: netnsLeftovers });

/** Audit period of the agents here (seconds). */
const AUDIT_S = 2;
/**
 * "Within one audit interval" on an idle host; the 2-core CI host runs other
 * test files at the same time, so the tests poll much longer and log how long
 * the repair actually took.
 */
const REPAIR_TIMEOUT_MS = 30_000;
/** Bounds every request loop, whatever happens to the test. */
const LOOP_MAX_MS = 120_000;

async function namespaces(): Promise<string[]> {
  return (JSON.parse((await run('ip', ['-j', 'netns', 'list'])).stdout || '[]') as { name: string }[]).map((n) => n.name);
}

/** OVS interfaces carrying this agent's marker. */
async function ownedPorts(w: World): Promise<string[]> {
  const out = await w.bridge.ovs.vsctl(['--format=json', '--columns=name', 'find', 'Interface', `external_ids:lbaas-owner="${w.agent.agentId}"`]);
  return (JSON.parse(out) as { data: [string][] }).data.map(([n]) => n).sort();
}

/** HAProxy masters of a pool: its processes whose parent is not one of them (workers are the master's children). */
function masters(w: World, poolId: string): number[] {
  const pids = haproxyPidsOf(path.join(w.agent.stateDir, 'pools', poolId));
  return pids.filter((pid) => !pids.includes(ppidOf(pid)));
}

function ppidOf(pid: number): number {
  try {
    return Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  } catch {
    return -1;
  }
}

/** When the agent logged drift `kind` for the pool, at or after `since` (ms since the epoch). */
function driftLoggedAt(log: string, poolId: string, kind: string, since: number): number | undefined {
  for (const line of log.split('\n')) {
    if (!line.includes('"msg":"drift"') || !line.includes(poolId) || !line.includes(`"kind":"${kind}"`)) continue;
    const at = Date.parse(/"time":"([^"]+)"/.exec(line)?.[1] ?? '');
    if (at >= since) return at;
  }
  return undefined;
}

async function driftRecorded(w: World, lb: Lb, kind: string): Promise<void> {
  const c = w.agent.client;
  await eventually(async () => {
    const pool = await c.get('pool', lb.poolId);
    const vip = await c.get('vip', lb.vipId);
    const has = (o: { drift_events: { kind: string; repaired: boolean }[] } | null) => o?.drift_events.some((e) => e.kind === kind && e.repaired);
    return has(pool) && has(vip);
  }, REPAIR_TIMEOUT_MS);
}

/**
 * Break something under a request loop, wait until traffic flows again and the
 * drift is recorded, and log when the agent repaired it (its drift log line)
 * and how long clients saw failures, from the first failure to the last
 * recovery (no timing assertion: the host is shared).
 */
async function breakAndRepair(t: ExecutionContext, w: World, lb: Lb, what: string, breakIt: () => Promise<unknown>, driftKind: string): Promise<void> {
  const loop = startRequestLoop(t, w.clients[0]!.ns, lb.url, { maxMs: LOOP_MAX_MS, timeoutMs: 300 });
  await sleep(500);
  const brokenAt = Date.now();
  await breakIt();
  await firstSuccess(w.clients[0]!.ns, lb.url, REPAIR_TIMEOUT_MS);
  await driftRecorded(w, lb, driftKind);
  await sleep(1_000);
  const r = await loop.stop();
  const lastRecovery = r.recoveries.at(-1)?.at;
  const window = r.failures.length === 0 ? 0 : (lastRecovery ?? Date.now()) - r.failures[0]!.at;
  const repairedAt = driftLoggedAt(w.agent.logs(), lb.poolId, driftKind, brokenAt);
  t.log(
    `${what}: drift ${driftKind} repaired ${repairedAt === undefined ? '?' : repairedAt - brokenAt} ms after the break ` +
      `(audit interval ${AUDIT_S} s); clients saw ${r.failures.length} of ${r.total} requests fail, over ${window} ms`,
  );
  if (r.failures.length > 0) t.true(lastRecovery !== undefined && lastRecovery > r.failures.at(-1)!.at, 'the loop ended serving');
  t.is(r.failures.filter((f) => f.at < brokenAt).length, 0, 'no failure before the break');
}

test('create → traffic; delete (cascade) → namespace, OVS port and HAProxy gone', async (t) => {
  const w = await world(t, ovs, { members: 2, auditInterval: AUDIT_S });
  const lb = await createLb(t, w);
  t.true(lb.address.startsWith('10.80.0.'), `allocated from the range: ${lb.address}`);
  t.regex(await firstSuccess(w.clients[0]!.ns, lb.url), /^m[12]$/);
  t.true((await namespaces()).includes(nsName(lb.poolId)));
  t.deepEqual(await ownedPorts(w), [tapName(lb.poolId)]);
  t.is(masters(w, lb.poolId).length, 1);
  const vip = await w.agent.client.get('vip', lb.vipId);
  t.like(vip, { provisioning_status: 'ACTIVE', in_sync: true, port_id: tapName(lb.poolId) });

  await w.agent.client.delete('pool', lb.poolId, { cascade: true, waitSeconds: WAIT_S });
  await eventually(async () => (await poolRemains(w.agent, w.bridge, lb.poolId)).length === 0, 10_000).catch(async () => {
    t.fail(`left behind: ${(await poolRemains(w.agent, w.bridge, lb.poolId)).join(', ')}`);
  });
  t.is(await w.agent.client.get('vip', lb.vipId), null);
  t.deepEqual(await ownedPorts(w), []);
  const [after] = (await requestBatch(w.clients[0]!.ns, lb.url, { n: 1, timeoutMs: 1_000 })).outcomes;
  t.regex(after ?? '', /^error:/, 'the VIP no longer answers');
});

test('agent kill -9 and restart: the request loop sees no failure, HAProxy is adopted, nothing duplicated', async (t) => {
  const w = await world(t, ovs, { members: 2, auditInterval: AUDIT_S });
  const lb = await createLb(t, w);
  await firstSuccess(w.clients[0]!.ns, lb.url);
  const masterBefore = w.agent.haproxyPid(lb.poolId);
  t.truthy(masterBefore);

  const loop = startRequestLoop(t, w.clients[0]!.ns, lb.url, { maxMs: LOOP_MAX_MS, timeoutMs: 5_000 });
  await sleep(1_000);
  await w.agent.kill9();
  await sleep(1_500); // traffic with no agent at all
  await w.agent.start();
  // Let the restarted agent adopt the pool and run a few audits under traffic.
  await eventually(async () => (await w.agent.client.get('vip', lb.vipId))?.provisioning_status === 'ACTIVE', WAIT_S * 1000);
  await sleep(AUDIT_S * 2_000 + 500);
  const r = await loop.stop();
  t.log(`loop: ${r.total} requests in ${r.durationMs} ms, longest gap between successes ${r.maxGapMs} ms, ${JSON.stringify(r.backends)}`);

  t.deepEqual(r.failures, [], 'no failed request across the restart');
  t.true(r.total >= 20, `the loop made progress (${r.total} requests)`);
  t.deepEqual(Object.keys(r.backends).sort(), ['m1', 'm2']);
  t.is(w.agent.haproxyPid(lb.poolId), masterBefore, 'same HAProxy master: adopted, not restarted');
  t.deepEqual(masters(w, lb.poolId), [masterBefore!], 'one master');
  t.is((await namespaces()).filter((n) => n === nsName(lb.poolId)).length, 1);
  t.deepEqual(await ownedPorts(w), [tapName(lb.poolId)], 'one port');
  t.is((await w.agent.client.list('pool')).length, 1);
  const vip = await w.agent.client.get('vip', lb.vipId);
  t.deepEqual(vip?.drift_events, [], 'adoption is not drift');
});

test('namespace deleted by hand: back and serving within the audit, drift on pool and VIP', async (t) => {
  const w = await world(t, ovs, { members: 2, auditInterval: AUDIT_S });
  const lb = await createLb(t, w);
  await firstSuccess(w.clients[0]!.ns, lb.url);
  const masterBefore = w.agent.haproxyPid(lb.poolId);

  await breakAndRepair(t, w, lb, 'namespace deleted', () => run('ip', ['netns', 'delete', nsName(lb.poolId)]), 'namespace_missing');
  t.true((await namespaces()).includes(nsName(lb.poolId)));
  // HAProxy was restarted inside the new namespace; the old one is gone.
  await eventually(async () => masters(w, lb.poolId).length === 1 && w.agent.haproxyPid(lb.poolId) !== masterBefore, REPAIR_TIMEOUT_MS);
  t.deepEqual(await ownedPorts(w), [tapName(lb.poolId)]);
  const pool = await w.agent.client.get('pool', lb.poolId);
  t.true(pool?.in_sync);
});

test('OVS port deleted by hand: back and serving within the audit, drift on pool and VIP', async (t) => {
  const w = await world(t, ovs, { members: 2, auditInterval: AUDIT_S });
  const lb = await createLb(t, w);
  await firstSuccess(w.clients[0]!.ns, lb.url);
  const masterBefore = w.agent.haproxyPid(lb.poolId);

  await breakAndRepair(t, w, lb, 'OVS port deleted', () => w.bridge.ovs.vsctl(['del-port', tapName(lb.poolId)]), 'port_missing');
  t.deepEqual(await ownedPorts(w), [tapName(lb.poolId)]);
  t.is(w.agent.haproxyPid(lb.poolId), masterBefore, 'HAProxy kept running: only the port was repaired');
  const vip = await w.agent.client.get('vip', lb.vipId);
  t.true(vip?.in_sync);
});
