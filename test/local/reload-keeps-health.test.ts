import test from 'ava';
import { startBackend } from '../harness/backends.js';
import { distribution } from '../harness/http.js';
import { counts, haproxyPids, setupLb, waitOperating, WAIT_S } from './support.js';

test('a reload keeps health state: a member down before a structural change gets no traffic after it', async (t) => {
  // A slow check cadence: without the server-state file the reloaded worker would take the
  // failing member for UP until its first check, seconds later.
  const { agent, backends, lb } = await setupLb(t, 2, { monitor: { type: 'HTTP', delay: 10, timeout: 2, max_retries: 1 } });
  const b3 = await startBackend('b3');
  t.teardown(() => b3.close());
  const m1 = lb.memberIds[0]!;
  backends[0]!.failing = true;
  await waitOperating(agent, 'member', m1, 'ERROR', 30_000);
  const { master } = await haproxyPids(agent, lb.poolId);

  await agent.client.create('member', { pool_id: lb.poolId, address: '127.0.0.1', protocol_port: b3.port }, { waitSeconds: WAIT_S });
  const d = await distribution(lb.address, lb.port, 20);
  t.is((await haproxyPids(agent, lb.poolId)).master, master);
  t.is(counts(d, 'status:503'), 0, `the failing member was used after the reload: ${JSON.stringify(Object.fromEntries(d))}`);
  t.is(counts(d, 'b1'), 0);
  t.is(counts(d, 'b2') + counts(d, 'b3'), 20);
  t.is(await agent.client.get('member', m1).then((m) => (m as { operating_status: string }).operating_status), 'ERROR');
});
