/**
 * A member reports what HAProxy knows, never more: NO_MONITOR without a
 * monitor; with one, OFFLINE (Octavia's status for a monitored member without
 * a result) until HAProxy's first check has a result — here held back by a
 * backend that parks the check request — and ONLINE once it passed.
 */
import test from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAgent } from '../harness/agent.js';
import { startBackends } from '../harness/backends.js';
import { createLb } from '../harness/fixtures.js';
import { eventually } from '../harness/http.js';
import { operatingStatus, setupLb, waitOperating } from './support.js';

/** Long enough that the first check cannot finish by itself while the test looks. */
const MONITOR = { type: 'HTTP', delay: 60, timeout: 50, max_retries: 1, url_path: '/' };
/** Several status polls (the poller reads every 1-2 s). */
const OBSERVE_MS = 5_000;

test('without a monitor a member is NO_MONITOR', async (t) => {
  const { agent, lb } = await setupLb(t, 1);
  await waitOperating(agent, 'member', lb.memberIds[0]!, 'NO_MONITOR');
  t.pass();
});

test('with a monitor a member is OFFLINE until the first check has a result, then ONLINE', async (t) => {
  const agent = await startAgent();
  const backends = await startBackends(1);
  t.teardown(async () => {
    for (const b of backends) {
      b.holding = false;
      b.release();
    }
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  const b = backends[0]!;
  b.holding = true; // the first health check request is parked: HAProxy has no result yet
  const lb = await createLb(agent.client, backends, { monitor: MONITOR });
  const member = lb.memberIds[0]!;

  // HAProxy itself says it has no result yet.
  const stats = async () =>
    ((await agent.client.poolStats(lb.poolId)) as { members?: { member_id: string; check_status: string; status: string }[] }).members?.find(
      (m) => m.member_id === member,
    );
  const pending = await eventually(async () => {
    const s = await stats();
    return s && /^(\* )?INI$/.test(s.check_status) ? s : undefined;
  }, 20_000);
  t.log(`HAProxy before the first result: status "${pending.status}", check_status "${pending.check_status}"`);
  await eventually(async () => b.active > 0, 20_000); // the check is parked at the backend

  const seen = new Set<string>();
  const until = Date.now() + OBSERVE_MS;
  while (Date.now() < until) {
    seen.add(String(await operatingStatus(agent, 'member', member)));
    await sleep(200);
  }
  t.deepEqual([...seen], ['OFFLINE'], 'OFFLINE the whole time the first check had no result');
  t.not(await operatingStatus(agent, 'pool', lb.poolId), 'ERROR', 'a member not checked yet does not make the pool ERROR');

  b.holding = false;
  b.release(); // the check gets its 200
  await waitOperating(agent, 'member', member, 'ONLINE');
  t.regex((await stats())?.check_status ?? '', /L7OK/);
});
