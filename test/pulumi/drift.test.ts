/**
 * read after changes made outside Pulumi (through the agent's API): a changed
 * field comes back (refresh shows drift, the next update puts the program's
 * value back, with If-Match on the refreshed revision); a stale revision is
 * refused; a deleted object reads back without an id.
 */
import anyTest from 'ava';
import { startAgent } from '../harness/agent.js';
import { startBackends, type Backend } from '../harness/backends.js';
import { engines } from './engine.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

const WAIT_S = 20;

test('read shows out-of-band changes and deletions', async (t) => {
  const agent = await startAgent();
  const backends: Backend[] = [];
  t.teardown(async () => {
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  backends.push(...(await startBackends(1)));
  const e = await engines();
  const conn = { endpoint: agent.endpoint, token: agent.token, waitSeconds: WAIT_S };
  const pool = await e.pool.create({ name: 'p', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local', ...conn });
  const program = { pool_id: pool.id, address: '127.0.0.1', protocol_port: backends[0]!.port, weight: 2, ...conn };
  const member = await e.member.create(program);

  // Changed outside Pulumi: read returns it.
  await agent.client.update('member', member.id, { weight: 9, admin_state_up: false });
  const refreshed = await e.member.read(member.id, member.outs);
  t.is(refreshed.id, member.id);
  t.like(refreshed.props, { weight: 9, admin_state_up: false, revision: 2, token: agent.token });
  t.like(refreshed.inputs, { weight: 9, admin_state_up: false, pool_id: pool.id });

  // The program still says weight 2: the diff against the refreshed state is an update.
  const checked = await e.member.check(program, refreshed.inputs!);
  t.like(await e.member.diff(member.id, refreshed.props!, checked), { changes: true, replaces: [] });

  // Updating from the stale state is refused (If-Match), never a lost update.
  const stale = await t.throwsAsync(e.member.update(member.id, member.outs, checked));
  t.regex(stale!.message, /changed outside Pulumi.*pulumi refresh/);
  t.like(await agent.client.get('member', member.id), { weight: 9 });

  // From the refreshed state it goes through and restores the program's values.
  const restored = await e.member.update(member.id, refreshed.props!, checked);
  t.like(restored, { weight: 2, admin_state_up: true, revision: 3 });

  // Deleted outside Pulumi: read returns no id (refresh drops it from the state).
  await agent.client.delete('member', member.id);
  const gone = await e.member.read(member.id, restored);
  t.falsy(gone.id);
  // Deleting what is already gone succeeds (destroy after an out-of-band delete).
  await e.member.delete(member.id, restored);
  await e.pool.delete(pool.id, pool.outs);
  t.is(await agent.client.get('pool', pool.id), null);
});

test.serial('the serialized providers keep working from a directory where lbaas is not resolvable', async (t) => {
  const agent = await startAgent();
  t.teardown(() => agent.cleanup());
  const e = await engines();
  const cwd = process.cwd();
  process.chdir('/');
  try {
    const conn = { endpoint: agent.endpoint, token: agent.token };
    const m = await e.health_monitor.create({ type: 'TCP', delay: 5, timeout: 3, max_retries: 3, ...conn });
    t.like((await e.health_monitor.read(m.id, m.outs)).props, { type: 'TCP' });
    await e.health_monitor.delete(m.id, m.outs);
  } finally {
    process.chdir(cwd);
  }
});
