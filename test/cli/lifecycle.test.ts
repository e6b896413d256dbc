/**
 * A whole load balancer from the shell, against a real agent (local driver:
 * real HAProxy) and real backends: create with --wait, traffic through the
 * VIP, every output format, set (with If-Match), pool stats, delete with and
 * without --cascade, exit codes.
 */
import anyTest from 'ava';
import { parse } from 'yaml';
import { setupAgent } from '../harness/fixtures.js';
import { distribution, eventually } from '../harness/http.js';
import { freePort, randomLoopbackVip } from '../harness/ports.js';
import { envFor, json, lbaas } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

type Obj = Record<string, unknown> & { id: string; revision: number };

test('create, traffic, list/show in every format, set, stats, delete', async (t) => {
  const { agent, backends } = await setupAgent(t, 2);
  const env = envFor(agent);

  const mon = await json<Obj>(['health-monitor', 'create', '--type', 'TCP', '--delay', '1', '--timeout', '1', '--max-retries', '2'], env);
  const pool = await json<Obj>(
    ['pool', 'create', '--name', 'web', '--protocol', 'HTTP', '--lb-method', 'ROUND_ROBIN', '--subnet', 'local', '--health-monitor-ids', mon.id, '--wait', '20'],
    env,
  );
  t.like(pool, { name: 'web', provisioning_status: 'ACTIVE', health_monitor_ids: [mon.id] });
  const members: Obj[] = [];
  for (const b of backends) {
    members.push(await json<Obj>(['member', 'create', '--pool-id', pool.id, '--address', '127.0.0.1', '--protocol-port', String(b.port), '--wait', '20'], env));
  }
  const address = randomLoopbackVip();
  const port = await freePort();
  const vip = await json<Obj>(
    ['vip', 'create', '--name', 'web', '--pool-id', pool.id, '--subnet', 'local', '--protocol', 'HTTP', '--address', address, '--protocol-port', String(port), '--wait', '20'],
    env,
  );
  t.like(vip, { address, protocol_port: port, provisioning_status: 'ACTIVE' });
  await eventually(async () => (await distribution(address, port, 8)).size === 2, 20_000);

  // Table by default: a header and one row per member, the default columns.
  const table = await lbaas(['member', 'list', '--pool-id', pool.id], env);
  t.is(table.exitCode, 0, table.stderr);
  t.regex(table.stdout, /\| id +\| pool_id +\| address +\| protocol_port +\| weight/);
  for (const m of members) t.true(table.stdout.includes(m.id));
  // value: bare values for scripts; yaml parses back to the objects.
  const ids = await lbaas(['member', 'list', '--pool-id', pool.id, '-f', 'value', '-c', 'id'], env);
  t.deepEqual(ids.stdout.trim().split('\n').sort(), members.map((m) => m.id).sort());
  const yaml = await lbaas(['pool', 'show', pool.id, '-f', 'yaml'], env);
  t.like(parse(yaml.stdout), { id: pool.id, vip_id: vip.id, lb_method: 'ROUND_ROBIN' });
  const show = await lbaas(['vip', 'show', vip.id], env);
  t.regex(show.stdout, new RegExp(`\\| address +\\| ${address.replace(/\./g, '\\.')} +\\|`));

  // set with a stale If-Match is refused (412), changes nothing; with the current revision it goes through.
  const m0 = members[0]!;
  const stale = await lbaas(['member', 'set', m0.id, '--weight', '5', '--if-match', String(m0.revision - 1 + 10)], env);
  t.is(stale.exitCode, 1);
  t.regex(stale.stderr, /^lbaas: member \S+ is at revision \d+, not \d+ \[412 precondition_failed\]$/, "one line");
  t.like(await agent.client.get('member', m0.id), { weight: 1 });
  const set = await json<Obj>(['member', 'set', m0.id, '--weight', '5', '--admin-state-up', 'true', '--if-match', String(m0.revision), '--wait', '20'], env);
  t.like(set, { weight: 5, provisioning_status: 'ACTIVE', revision: m0.revision + 1 });
  t.like(await agent.client.get('member', m0.id), { weight: 5 });

  // stats: the pool row and one row per member.
  const stats = await eventually(async () => {
    const r = await lbaas(['pool', 'stats', pool.id, '-f', 'value', '-c', 'member_id'], env);
    return r.exitCode === 0 && r.stdout.trim().split('\n').length === 3 ? r : undefined;
  }, 20_000);
  t.deepEqual(stats.stdout.trim().split('\n').sort(), ['(pool)', ...members.map((m) => m.id)].sort());

  // agent list on a single agent: the agent itself.
  const agents = await json<Record<string, unknown>[]>(['agent', 'list'], env);
  t.like(agents[0], { endpoint: agent.endpoint, driver: 'local' });

  // A referenced pool is not deleted (409 naming the referrers); --cascade deletes it with them.
  const refused = await lbaas(['pool', 'delete', pool.id], env);
  t.is(refused.exitCode, 1);
  t.regex(refused.stderr, new RegExp(`referenced by .*vip ${vip.id}.*--cascade.*\\[409 still_referenced\\]`));
  const cascade = await lbaas(['pool', 'delete', pool.id, '--cascade', '--wait', '20'], env);
  t.is(cascade.exitCode, 0, cascade.stderr);
  t.deepEqual(await agent.client.list('vip'), []);
  t.deepEqual(await agent.client.list('member'), []);
  const again = await lbaas(['pool', 'delete', pool.id], env);
  t.is(again.exitCode, 1);
  t.regex(again.stderr, /no pool/);
  t.is((await lbaas(['health-monitor', 'delete', mon.id], env)).exitCode, 0);
  await t.throwsAsync(distribution(address, port, 1));
});
