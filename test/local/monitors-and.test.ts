import anyTest from 'ava';
import { distribution } from '../harness/http.js';
import { setupLb, waitOperating, WAIT_S } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('a TCP and an HTTP monitor on one pool are ANDed: a member that accepts connections but fails HTTP is ERROR', async (t) => {
  const { agent, backends, lb } = await setupLb(t, 2);
  const c = agent.client;
  // Both orders of ids matter to the renderer; create several TCP monitors so one sorts before the HTTP one.
  const tcp = await Promise.all([1, 2].map(() => c.create('health_monitor', { type: 'TCP', delay: 1, timeout: 1, max_retries: 2 })));
  const http = await c.create('health_monitor', { type: 'HTTP', delay: 1, timeout: 1, max_retries: 2, url_path: '/health' });
  const ids = [...tcp, http].map((m) => (m as { id: string }).id);
  const pool = (await c.update('pool', lb.poolId, { health_monitor_ids: ids }, { waitSeconds: WAIT_S })) as { provisioning_status: string };
  t.is(pool.provisioning_status, 'ACTIVE', 'the config with several monitors was accepted');
  for (const id of lb.memberIds) await waitOperating(agent, 'member', id, 'ONLINE');

  backends[0]!.failing = true; // still accepts TCP connections
  await waitOperating(agent, 'member', lb.memberIds[0]!, 'ERROR');
  await waitOperating(agent, 'member', lb.memberIds[1]!, 'ONLINE');
  t.deepEqual(Object.fromEntries(await distribution(lb.address, lb.port, 10)), { b2: 10 });

  backends[0]!.failing = false;
  await waitOperating(agent, 'member', lb.memberIds[0]!, 'ONLINE');
});
