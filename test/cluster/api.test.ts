/** Cluster mode through the API: several agents, one desired state in a real etcd. */
import anyTest from 'ava';
import { eventually } from '../harness/http.js';
import { requires } from '../harness/requires.js';
import { raw, startCluster } from './support.js';

const test = requires(anyTest, 'etcd', 'haproxy');
const POOL = { name: 'p', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' };

test('a write on one agent is readable on the other with the same ETag, and both list the agents', async (t) => {
  const { agents } = await startCluster(t, 2);
  const [a, b] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[0]>];
  const made = await raw(a, 'POST', '/v1/pools', POOL);
  t.is(made.status, 201);
  const id = made.body.id as string;
  // Read-your-writes on the agent that took it.
  t.is((await raw(a, 'GET', `/v1/pools/${id}`)).headers.etag, made.headers.etag);
  const seen = await eventually(async () => {
    const r = await raw(b, 'GET', `/v1/pools/${id}`);
    return r.status === 200 ? r : undefined;
  }, 5_000, 10);
  t.is(seen.headers.etag, made.headers.etag);
  t.is(seen.body.revision, made.body.revision);
  t.is(seen.body.name, 'p');
  const list = await eventually(async () => {
    const r = await raw(b, 'GET', '/v1/agents');
    const items = r.body.items as { agent_id: string; alive: boolean }[];
    return items.length === 2 && items.every((x) => x.alive) ? items : undefined;
  }, 10_000);
  t.deepEqual(list.map((x) => x.agent_id), ['agent-0', 'agent-1']);
  // The scheduler places the pool on one agent; every agent shows where.
  const placed = await eventually(async () => {
    const r = await raw(b, 'GET', `/v1/pools/${id}`);
    return (r.body.agent_ids as string[]).length === 1 ? r : undefined;
  }, 10_000);
  const host = (placed.body.agent_ids as string[])[0]!;
  const onHost = await raw(a, 'GET', `/v1/agents/${host}/pools`);
  t.deepEqual((onHost.body.items as { id: string }[]).map((p) => p.id), [id]);
  t.is((await raw(a, 'GET', '/v1/agents/nope')).status, 404);
  const info = await raw(a, 'GET', '/v1/agent');
  t.is((info.body.cluster as { etcd: string }).etcd, 'ok');
});

test('concurrent If-Match updates through two agents: exactly one wins, the other gets 412', async (t) => {
  const { agents } = await startCluster(t, 2);
  const [a, b] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[0]>];
  const made = await raw(a, 'POST', '/v1/pools', POOL);
  const id = made.body.id as string;
  await eventually(async () => (await raw(b, 'GET', `/v1/pools/${id}`)).status === 200, 5_000, 10);
  const etag = made.headers.etag as string;
  for (let round = 0; round < 5; round++) {
    const cur = (await raw(a, 'GET', `/v1/pools/${id}`)).headers.etag as string;
    await eventually(async () => (await raw(b, 'GET', `/v1/pools/${id}`)).headers.etag === cur, 5_000, 10);
    const [ra, rb] = await Promise.all([
      raw(a, 'PUT', `/v1/pools/${id}`, { name: `a${round}` }, { 'if-match': cur }),
      raw(b, 'PUT', `/v1/pools/${id}`, { name: `b${round}` }, { 'if-match': cur }),
    ]);
    t.deepEqual([ra.status, rb.status].sort(), [200, 412], `round ${round}`);
    const winner = ra.status === 200 ? ra : rb;
    const final = await raw(a, 'GET', `/v1/pools/${id}`);
    t.is(final.body.name, winner.body.name);
  }
  t.truthy(etag);
});

test('concurrent VIP creates on two agents never share an address', async (t) => {
  const { agents } = await startCluster(t, 2);
  const [a, b] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[0]>];
  const pools: string[] = [];
  for (let i = 0; i < 8; i++) pools.push((await raw(a, 'POST', '/v1/pools', POOL)).body.id as string);
  await eventually(async () => (await raw(b, 'GET', `/v1/pools/${pools[7]}`)).status === 200, 5_000, 10);
  const made = await Promise.all(
    pools.map((p, i) => raw(i % 2 ? b : a, 'POST', '/v1/vips', { name: 'v', pool_id: p, subnet: 'local', protocol: 'TCP', protocol_port: 8080 })),
  );
  t.deepEqual(made.map((r) => r.status), pools.map(() => 201));
  const addrs = made.map((r) => r.body.address as string);
  t.is(new Set(addrs).size, addrs.length, `shared: ${addrs.join(', ')}`);
  const listed = (await raw(b, 'GET', '/v1/vips')).body.items as { address: string }[];
  t.is(listed.length, 8);
});

test('a member on a pool another agent deletes: one of them is refused, nothing dangles', async (t) => {
  const { agents } = await startCluster(t, 2);
  const [a, b] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[0]>];
  for (let round = 0; round < 3; round++) {
    const id = (await raw(a, 'POST', '/v1/pools', POOL)).body.id as string;
    await eventually(async () => (await raw(b, 'GET', `/v1/pools/${id}`)).status === 200, 5_000, 10);
    const [del, mem] = await Promise.all([
      raw(a, 'DELETE', `/v1/pools/${id}`),
      raw(b, 'POST', '/v1/members', { pool_id: id, address: '127.0.0.1', protocol_port: 9000 + round }),
    ]);
    if (del.status === 204) t.is(mem.status, 422, 'member created on a deleted pool');
    else {
      t.is(del.status, 409);
      t.is(mem.status, 201);
    }
    const members = (await raw(a, 'GET', '/v1/members')).body.items as { pool_id: string }[];
    const pools = new Set(((await raw(a, 'GET', '/v1/pools')).body.items as { id: string }[]).map((p) => p.id));
    t.true(members.every((m) => pools.has(m.pool_id)));
  }
});

test('an agent_id hint naming an agent that cannot host the pool is a 422 naming the field', async (t) => {
  const { agents } = await startCluster(t, 1);
  const r = await raw(agents[0]!, 'POST', '/v1/pools', { ...POOL, agent_id: 'agent-9' });
  t.is(r.status, 422);
  t.is((r.body.errors as { field: string }[])[0]!.field, 'agent_id');
  t.is((await raw(agents[0]!, 'GET', '/v1/pools')).body.items instanceof Array ? ((await raw(agents[0]!, 'GET', '/v1/pools')).body.items as unknown[]).length : -1, 0);
});

test('ACTIVE_STANDBY in a cluster is refused with a 422 naming topology until pairs are scheduled, and nothing is created', async (t) => {
  const { agents } = await startCluster(t, 2);
  const r = await raw(agents[0]!, 'POST', '/v1/pools', { ...POOL, topology: 'ACTIVE_STANDBY' });
  t.is(r.status, 422);
  const err = (r.body.errors as { field: string; message: string }[])[0]!;
  t.is(err.field, 'topology');
  t.regex(err.message, /not scheduled by this version/);
  t.deepEqual((await raw(agents[1]!, 'GET', '/v1/pools')).body.items, []);
});
