import anyTest from 'ava';
import { distribution } from '../harness/http.js';
import { counts, haproxyPids, setupLb, waitOperating, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('a reload keeps health state: a member down before a structural change gets no traffic after it', async (t) => {
  // HAProxy spreads first checks over the interval in config order (servers are sorted by id):
  // after a reload without the server-state file, the last of three members would be taken
  // for UP for 2/3 of a 10 s interval. That is the window this test looks into.
  const { agent, backends, lb } = await setupLb(t, 3, { monitor: { type: 'HTTP', delay: 10, timeout: 2, max_retries: 1 } });
  const last = [...lb.memberIds].sort().at(-1)!;
  const idx = lb.memberIds.indexOf(last);
  const failing = backends[idx]!;
  failing.failing = true;
  await waitOperating(agent, 'member', last, 'ERROR', 30_000);
  const before = await haproxyPids(agent, lb.poolId);

  // A structural change (reload) that keeps the members.
  await agent.client.update('vip', lb.vipId, { connection_limit: 1000 }, { waitSeconds: WAIT_S });
  const d = await distribution(lb.address, lb.port, 30);
  const after = await haproxyPids(agent, lb.poolId);
  t.is(after.master, before.master);
  t.notDeepEqual(after.workers, before.workers, 'reloaded');
  t.is(counts(d, 'status:503'), 0, `the failing member was used after the reload: ${JSON.stringify(Object.fromEntries(d))}`);
  t.is(counts(d, failing.name), 0);
  t.is([...d.values()].reduce((a, b) => a + b, 0), 30);
  t.is(((await agent.client.get('member', last)) as { operating_status: string }).operating_status, 'ERROR');
});
