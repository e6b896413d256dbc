/**
 * The audit reads the host once per pass and only re-runs the pools whose
 * read differs from the desired state. With several pools on one agent, each
 * broken a different way (VIP address removed, default route removed, VIP
 * device set down, HAProxy killed, config edited), every one is repaired and
 * reported with its own drift kind, and the untouched pool reports nothing.
 */
import anyTest, { type TestFn } from 'ava';
import { appendFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { canRun } from '../../agent/drivers/netns/fixture.test-helper.js';
import { run } from '../../agent/exec/run.js';
import { nsDevName, nsName } from '../../agent/netns/names.js';
import { useTestOvs } from '../harness/ovs.js';
import { eventually } from '../harness/http.js';
import { createLb, firstSuccess, netnsLeftovers, world, type Lb, type World } from './support/topology.js';

const test = (canRun ? anyTest : anyTest.skip) as TestFn;
const ovs = useTestOvs(test, { leftovers: netnsLeftovers });

const AUDIT_S = 2;
/** The shared 2-core host runs other test files meanwhile: poll long, assert no timing. */
const REPAIR_TIMEOUT_MS = 60_000;

type Drifty = { drift_events: { kind: string; repaired: boolean }[]; in_sync: boolean } | null;

async function driftKinds(w: World, lb: Lb): Promise<string[]> {
  const pool = (await w.agent.client.get('pool', lb.poolId)) as Drifty;
  return (pool?.drift_events ?? []).filter((e) => e.repaired).map((e) => e.kind);
}

async function metric(w: World, name: string): Promise<number> {
  const r = await fetch(`${w.agent.endpoint}/metrics`, { headers: { authorization: `Bearer ${w.agent.token}` } });
  return Number(new RegExp(`^${name} (\\S+)`, 'm').exec(await r.text())?.[1] ?? Number.NaN);
}

test('one pass over many pools finds each break, repairs it with its own drift kind, leaves the rest alone', async (t) => {
  const w = await world(t, ovs, { members: 1, auditInterval: AUDIT_S });
  const lbs: Lb[] = [];
  for (let i = 0; i < 6; i++) lbs.push(await createLb(t, w));
  for (const lb of lbs) await firstSuccess(w.clients[0]!.ns, lb.url);
  // Steady state: passes run and find nothing to do.
  await eventually(async () => (await metric(w, 'lbaas_audit_pass_seconds_count')) >= 2, REPAIR_TIMEOUT_MS);
  for (const lb of lbs) t.deepEqual(await driftKinds(w, lb), [], 'nothing reported before the breaks');

  const [addr, route, down, killed, edited, untouched] = lbs as [Lb, Lb, Lb, Lb, Lb, Lb];
  const stateDir = (lb: Lb) => path.join(w.agent.stateDir, 'pools', lb.poolId);
  const dev = (lb: Lb) => nsDevName(lb.poolId);
  await run('ip', ['-n', nsName(addr.poolId), 'addr', 'del', `${addr.address}/24`, 'dev', dev(addr)]);
  await run('ip', ['-n', nsName(route.poolId), 'route', 'del', 'default']);
  await run('ip', ['-n', nsName(down.poolId), 'link', 'set', 'dev', dev(down), 'down']);
  process.kill(Number(readFileSync(path.join(stateDir(killed), 'haproxy.pid'), 'utf8').trim().split('\n')[0]), 'SIGKILL');
  appendFileSync(path.join(stateDir(edited), 'haproxy.cfg'), '\n# edited by hand\n');

  const want: [Lb, string][] = [
    [addr, 'address_missing'],
    [route, 'route_missing'],
    [down, 'device_down'],
    [killed, 'haproxy_not_running'],
    [edited, 'config_modified'],
  ];
  for (const [lb, kind] of want) {
    await eventually(async () => (await driftKinds(w, lb)).includes(kind), REPAIR_TIMEOUT_MS);
    t.pass(`${kind} found and repaired`);
  }
  for (const [lb] of want) await firstSuccess(w.clients[0]!.ns, lb.url);
  // The next passes find everything in order again.
  const after = await metric(w, 'lbaas_audit_pass_seconds_count');
  await eventually(async () => (await metric(w, 'lbaas_audit_pass_seconds_count')) >= after + 2, REPAIR_TIMEOUT_MS);
  for (const [lb, kind] of want) {
    const pool = (await w.agent.client.get('pool', lb.poolId)) as Drifty;
    t.true(pool?.in_sync, `${kind}: in sync again`);
  }
  t.deepEqual(await driftKinds(w, untouched), [], 'the untouched pool reports nothing');
  t.is(await metric(w, 'lbaas_audit_pools'), lbs.length);
});
