/** etcd gone: HAProxy keeps serving, reads are stale and say so, writes are 503 naming etcd; back: writes work again. */
import anyTest from 'ava';
import { got } from 'got';
import { startBackends } from '../harness/backends.js';
import { eventually, request } from '../harness/http.js';
import { requires } from '../harness/requires.js';
import { raw, startCluster } from './support.js';

const test = requires(anyTest, 'etcd', 'haproxy');

test('etcd stopped: traffic unaffected, reads stale, writes 503; etcd back: writes work, cross-agent ?wait answers live', async (t) => {
  const { etcd, agents } = await startCluster(t, 2);
  const [a, b] = agents as [NonNullable<(typeof agents)[0]>, NonNullable<(typeof agents)[0]>];
  const backends = await startBackends(1);
  t.teardown(async () => {
    for (const x of backends) x.release();
    await Promise.all(backends.map((x) => x.close()));
  });
  const pool = (await raw(a, 'POST', '/v1/pools', { name: 'p', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local' })).body.id as string;
  await raw(a, 'POST', '/v1/members', { pool_id: pool, address: '127.0.0.1', protocol_port: backends[0]!.port });
  // Through agent B, whichever agent hosts it: ?wait answers when the hosting agent reports it live.
  const vip = await raw(b, 'POST', '/v1/vips?wait=30', { name: 'v', pool_id: pool, subnet: 'local', protocol: 'HTTP', protocol_port: 18000 + Math.floor(Math.random() * 1000) });
  t.is(vip.status, 201);
  t.is(vip.body.provisioning_status, 'ACTIVE');
  const address = vip.body.address as string;
  const port = vip.body.protocol_port as number;
  t.is((await request(address, port)).status, 200);
  t.teardown(() => {
    if (!t.passed) t.log(a.logs().slice(-6000), b.logs().slice(-6000));
  });

  await etcd.stop();
  for (const ag of [a, b]) {
    const info = await eventually(async () => {
      const r = await raw(ag, 'GET', '/v1/agent');
      return (r.body.cluster as { etcd: string }).etcd === 'unavailable' ? r : undefined;
    }, 10_000);
    t.regex(String(info.headers.warning), /^110 /);
  }
  const read = await raw(b, 'GET', `/v1/pools/${pool}`);
  t.is(read.status, 200);
  t.is(read.body.stale, true);
  t.regex(String(read.headers.warning), /etcd/);
  const list = await raw(a, 'GET', '/v1/pools');
  t.is(list.body.stale, true);
  t.is((list.body.items as unknown[]).length, 1);
  const write = await raw(a, 'PUT', `/v1/pools/${pool}`, { name: 'q' });
  t.is(write.status, 503);
  t.regex(String(write.headers['content-type']), /problem\+json/);
  t.regex(String(write.body.detail), /etcd/);
  const metrics = await got(`${a.endpoint}/metrics`, { headers: { authorization: `Bearer ${a.token}` } }).text();
  t.regex(metrics, /^lbaas_etcd_up 0$/m);
  // The data plane does not depend on etcd.
  for (let i = 0; i < 5; i++) t.is((await request(address, port)).status, 200);

  await etcd.start();
  const ok = await eventually(async () => {
    const r = await raw(a, 'PUT', `/v1/pools/${pool}`, { name: 'q' });
    return r.status === 200 ? r : undefined;
  }, 20_000, 250);
  t.is(ok.body.name, 'q');
  t.is(ok.body.stale, undefined);
  await eventually(async () => (await raw(b, 'GET', `/v1/pools/${pool}`)).body.name === 'q', 10_000);
  t.is((await request(address, port)).status, 200);
});
