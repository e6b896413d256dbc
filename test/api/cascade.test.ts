/**
 * Deleting a referenced object: 409 naming every referrer, nothing changed;
 * `?cascade=true` deletes (VIP, members) or detaches (pool ↔ monitor) the
 * referrers and the data plane follows.
 */
import anyTest from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startAgent } from '../harness/agent.js';
import { startBackends } from '../harness/backends.js';
import { createLb } from '../harness/fixtures.js';
import { eventually, request } from '../harness/http.js';
import { assertProblem, raw } from './support/raw.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

test('cascade detaches a monitor from its pool and deletes a pool with its VIP and members', async (t) => {
  const agent = await startAgent();
  const backends = await startBackends(2);
  t.teardown(async () => {
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  const lb = await createLb(agent.client, backends, { monitor: { type: 'HTTP', delay: 1, timeout: 1, max_retries: 1 } });
  const cfgPath = path.join(agent.stateDir, 'pools', lb.poolId, 'haproxy.cfg');
  t.regex(readFileSync(cfgPath, 'utf8'), /http-check/);

  // Monitor: refused while a pool uses it, naming the pool.
  const refused = assertProblem(t, await raw(agent, { method: 'DELETE', path: `/v1/health_monitors/${lb.monitorId}` }), 409, undefined);
  t.deepEqual(refused.referrers, [{ kind: 'pool', id: lb.poolId }]);
  t.true(refused.detail.includes(lb.poolId));
  t.is((await raw(agent, { method: 'GET', path: `/v1/health_monitors/${lb.monitorId}` })).status, 200);

  const poolBefore = (await agent.client.get('pool', lb.poolId))!;
  t.is((await raw(agent, { method: 'DELETE', path: `/v1/health_monitors/${lb.monitorId}?cascade=true&wait=10` })).status, 204);
  t.is((await raw(agent, { method: 'GET', path: `/v1/health_monitors/${lb.monitorId}` })).status, 404);
  const poolAfter = (await agent.client.get('pool', lb.poolId))!;
  t.deepEqual(poolAfter.health_monitor_ids, []);
  t.is(poolAfter.revision, poolBefore.revision! + 1, 'the detach is a change of the pool');
  await eventually(async () => !/http-check|check inter/.test(readFileSync(cfgPath, 'utf8')), 15_000);
  t.is((await request(lb.address, lb.port)).status, 200);

  // Pool: refused while a VIP and members refer to it, naming all of them.
  const p = assertProblem(t, await raw(agent, { method: 'DELETE', path: `/v1/pools/${lb.poolId}` }), 409, undefined);
  t.deepEqual(
    (p.referrers ?? []).map((r) => `${r.kind}:${r.id}`).sort(),
    [`vip:${lb.vipId}`, ...lb.memberIds.map((m) => `member:${m}`)].sort(),
  );
  t.is((await request(lb.address, lb.port)).status, 200, 'still serving after the refused delete');

  const pid = agent.haproxyPid(lb.poolId)!;
  t.true(alive(pid));
  t.is((await raw(agent, { method: 'DELETE', path: `/v1/pools/${lb.poolId}?cascade=true&wait=10` })).status, 204);
  for (const [coll, id] of [['pools', lb.poolId], ['vips', lb.vipId], ...lb.memberIds.map((m) => ['members', m])] as const) {
    t.is((await raw(agent, { method: 'GET', path: `/v1/${coll}/${id}` })).status, 404, `${coll}/${id}`);
  }
  t.deepEqual((await agent.client.list('member')).length, 0);
  await eventually(async () => !alive(pid) && !existsSync(path.dirname(cfgPath)), 15_000);
  await t.throwsAsync(() => request(lb.address, lb.port, { timeoutMs: 2_000 }), undefined, 'the VIP no longer answers');
});

test('cascade=false is the same as no cascade', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const pool = await agent.client.create('pool', { name: 'p', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' });
  const m = await agent.client.create('member', { pool_id: pool.id, address: '127.0.0.1', protocol_port: 9 });
  assertProblem(t, await raw(agent, { method: 'DELETE', path: `/v1/pools/${pool.id}?cascade=false` }), 409, undefined);
  t.truthy(await agent.client.get('member', m.id!));
  t.is((await raw(agent, { method: 'DELETE', path: `/v1/members/${m.id}` })).status, 204);
  t.is((await raw(agent, { method: 'DELETE', path: `/v1/pools/${pool.id}` })).status, 204);
});
