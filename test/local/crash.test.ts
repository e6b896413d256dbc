/**
 * Crash safety: acknowledged writes survive `kill -9` of the agent, the data
 * plane keeps serving while the agent is down, and a killed HAProxy is back
 * within the watchdog period.
 */
import anyTest from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../client/index.js';
import { startAgent } from '../harness/agent.js';
import { setupLb } from '../harness/fixtures.js';
import { eventually, request } from '../harness/http.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('kill -9 during a burst of writes loses no acknowledged write, and the data plane matches after restart', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const acknowledged: string[] = [];
  const burst = Array.from({ length: 80 }, (_, i) =>
    agent.client
      .create('member', { pool_id: lb.poolId, address: '127.0.0.1', protocol_port: 20000 + i, weight: 0 })
      .then((m) => acknowledged.push((m as { id: string }).id))
      .catch(() => undefined),
  );
  await eventually(async () => acknowledged.length >= 10, 10_000, 5);
  await agent.kill9();
  await Promise.all(burst);
  t.true(acknowledged.length >= 10);

  // The data plane kept serving while the agent was down.
  t.is((await request(lb.address, lb.port)).status, 200);

  await agent.start();
  const stored = new Set((await agent.client.list('member', { pool_id: lb.poolId })).map((m) => (m as { id: string }).id));
  for (const id of acknowledged) t.true(stored.has(id), `acknowledged member ${id} lost`);

  // After the restart the running config has exactly the stored members.
  const cfg = path.join(agent.stateDir, 'pools', lb.poolId, 'haproxy.cfg');
  await eventually(async () => {
    const servers = [...readFileSync(cfg, 'utf8').matchAll(/^\s+server (\S+)/gm)].map((m) => m[1]);
    return servers.length === stored.size && servers.every((s) => stored.has(s!));
  }, 15_000);
  const stats = (await agent.client.poolStats(lb.poolId)) as { members: { member_id: string }[] };
  await eventually(async () => {
    const s = (await agent.client.poolStats(lb.poolId)) as { members: { member_id: string }[] };
    return s.members.length === stored.size;
  }, 15_000);
  t.truthy(stats);
  t.is((await request(lb.address, lb.port)).status, 200);
});

test('kill -9 of the agent: a restart adopts the running HAProxy without restarting it', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const pid = agent.haproxyPid(lb.poolId);
  await agent.kill9();
  t.is((await request(lb.address, lb.port)).status, 200);
  await agent.start();
  await eventually(async () => (await agent.client.get('vip', lb.vipId))?.provisioning_status === 'ACTIVE', 10_000);
  t.is(agent.haproxyPid(lb.poolId), pid, 'HAProxy was restarted instead of adopted');
  t.is((await agent.client.list('pool')).length, 1);
  t.is((await request(lb.address, lb.port)).status, 200);
});

test('kill -9 of a pool HAProxy: serving again within 2 s and reported as drift', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const pid = agent.haproxyPid(lb.poolId)!;
  process.kill(pid, 'SIGKILL');
  // Workers notice the master is gone and exit; until the watchdog restarts it nothing may listen.
  await eventually(async () => (await request(lb.address, lb.port, { timeoutMs: 500 })).status === 200 && agent.haproxyPid(lb.poolId) !== pid, 2_000, 50);
  const vip = await eventually(async () => {
    const v = await agent.client.get('vip', lb.vipId);
    return v && v.drift_events.some((e) => e.kind === 'haproxy_not_running' && e.repaired) ? v : undefined;
  }, 5_000);
  t.true(vip.drift_events.length > 0);
  const pool = await agent.client.get('pool', lb.poolId);
  t.true(pool!.drift_events.some((e) => e.kind === 'haproxy_not_running'));
});

test('an object that does not exist is a 404 problem, not a crash', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const err = await t.throwsAsync(agent.client.update('pool', '00000000-0000-4000-8000-000000000000', { name: 'x' }));
  t.true(err instanceof ApiError && err.status === 404);
});
