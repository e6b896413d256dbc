/**
 * The dynamic providers, serialized and loaded back as the engine runs them,
 * against a real agent, real HAProxy and real backends:
 * check → create → read → diff → update → delete for every kind; traffic
 * through the VIP; a weight change is an update, a port change a replace.
 */
import anyTest from 'ava';
import { startAgent } from '../harness/agent.js';
import { startBackends, type Backend } from '../harness/backends.js';
import { distribution, eventually } from '../harness/http.js';
import { freePort, randomLoopbackVip } from '../harness/ports.js';
import { CheckFailed, engines } from './engine.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

/** Room for a HAProxy reload on a loaded 2-core host. */
const WAIT_S = 20;

test('a load balancer through the providers: create, traffic, update in place, replace, delete', async (t) => {
  const agent = await startAgent();
  const backends: Backend[] = [];
  t.teardown(async () => {
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  backends.push(...(await startBackends(4)));
  const [b1, b2, b3, b4] = backends as [Backend, Backend, Backend, Backend];
  const e = await engines();
  const conn = { endpoint: agent.endpoint, token: agent.token, waitSeconds: WAIT_S };

  // Invalid inputs stop at check, before the agent sees anything.
  const bad = await t.throwsAsync(e.member.check({ pool_id: 'x', address: '127.0.0.1', protocol_port: 0, ...conn }), { instanceOf: CheckFailed });
  t.deepEqual((bad as CheckFailed).failures.map((f) => f.property).sort(), ['pool_id', 'protocol_port']);

  // create
  const monitor = await e.health_monitor.create({ type: 'HTTP', delay: 1, timeout: 1, max_retries: 2, ...conn });
  t.like(monitor.outs, { type: 'HTTP', url_path: '/', provisioning_status: 'ACTIVE', in_sync: true, endpoint: agent.endpoint, token: agent.token });
  const pool = await e.pool.create({ name: 'web', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', health_monitor_ids: [monitor.id], ...conn });
  t.deepEqual(pool.outs.health_monitor_ids, [monitor.id]);
  const memberInputs = [b1, b2, b3].map((b) => ({ pool_id: pool.id, address: '127.0.0.1', protocol_port: b.port, ...conn }));
  const members = [];
  for (const m of memberInputs) members.push(await e.member.create(m));
  for (const m of members) t.like(m.outs, { pool_id: pool.id, weight: 1, provisioning_status: 'ACTIVE', in_sync: true });
  const address = randomLoopbackVip();
  const port = await freePort();
  const vipInputs = { name: 'web', pool_id: pool.id, subnet: 'local', protocol: 'HTTP', address, protocol_port: port, ...conn };
  const vip = await e.vip.create(vipInputs);
  t.like(vip.outs, { address, protocol_port: port, provisioning_status: 'ACTIVE', in_sync: true });

  // Traffic flows through the VIP to all three backends.
  await eventually(async () => (await distribution(address, port, 9)).size === 3, 20_000);
  t.deepEqual([...(await distribution(address, port, 30)).keys()].sort(), ['b1', 'b2', 'b3']);

  // read returns what the agent has.
  const readPool = await e.pool.read(pool.id, pool.outs);
  t.is(readPool.id, pool.id);
  t.like(readPool.props, { name: 'web', vip_id: vip.id, health_monitor_ids: [monitor.id], endpoint: agent.endpoint });
  t.deepEqual([...(readPool.props!.member_ids as string[])].sort(), members.map((m) => m.id).sort());
  t.like(readPool.inputs, { name: 'web', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', token: agent.token });

  // Unchanged program: no diff.
  const same = await e.member.check(memberInputs[0]!);
  t.like(await e.member.diff(members[0]!.id, members[0]!.outs, same), { changes: false, replaces: [] });

  // A weight change is an update in place, live without a replacement.
  const heavier = await e.member.check({ ...memberInputs[0]!, weight: 3 });
  t.like(await e.member.diff(members[0]!.id, members[0]!.outs, heavier), { changes: true, replaces: [] });
  const updated = await e.member.update(members[0]!.id, members[0]!.outs, heavier);
  t.like(updated, { weight: 3, provisioning_status: 'ACTIVE', revision: (members[0]!.outs.revision as number) + 1 });
  t.like(await agent.client.get('member', members[0]!.id), { weight: 3 });
  members[0] = { id: members[0]!.id, outs: updated };
  const d = await distribution(address, port, 50);
  t.true((d.get('b1') ?? 0) > (d.get('b2') ?? 0), `weight 3 gets more: ${JSON.stringify(Object.fromEntries(d))}`);

  // A port change is a replacement: the engine creates the new member, then deletes the old one.
  const moved = await e.member.check({ ...memberInputs[2]!, protocol_port: b4.port });
  t.like(await e.member.diff(members[2]!.id, members[2]!.outs, moved), { changes: true, replaces: ['protocol_port'], deleteBeforeReplace: false });
  const replacement = await e.member.create(moved);
  t.not(replacement.id, members[2]!.id);
  await e.member.delete(members[2]!.id, members[2]!.outs);
  t.is(await agent.client.get('member', members[2]!.id), null);
  members[2] = replacement;
  await eventually(async () => {
    const seen = await distribution(address, port, 20);
    return seen.has('b4') && !seen.has('b3');
  }, 20_000);

  // A VIP port change replaces it too, without deleting first (a new address:port cannot collide).
  const newPort = await freePort();
  const vipMoved = await e.vip.check({ ...vipInputs, protocol_port: newPort });
  t.like(await e.vip.diff(vip.id, vip.outs, vipMoved), { replaces: ['protocol_port'], deleteBeforeReplace: false });
  // Same address and port with another force-new field: the old VIP must go first.
  const vipSameSpot = await e.vip.check({ ...vipInputs, protocol: 'TCP' });
  t.like(await e.vip.diff(vip.id, vip.outs, vipSameSpot), { replaces: ['protocol'], deleteBeforeReplace: true });

  // delete, dependents first as the engine orders them; deleting again is not an error.
  await e.vip.delete(vip.id, vip.outs);
  for (const m of members) await e.member.delete(m.id, m.outs);
  await e.pool.delete(pool.id, pool.outs);
  await e.health_monitor.delete(monitor.id, monitor.outs);
  await e.pool.delete(pool.id, pool.outs);
  for (const k of ['vip', 'member', 'pool', 'health_monitor'] as const) t.deepEqual(await agent.client.list(k), [], k);
  await t.throwsAsync(distribution(address, port, 1));
});
