/** The harness itself: hosts on a bridge talk over real TCP, VLANs separate them, nothing is left. */
import anyTest from 'ava';
import { requires } from './requires.js';
import { useTestOvs } from './ovs.js';
import { createHost, hostLeftovers, httpGet, httpGetEventually, startHttpServer } from './hosts.js';

const test = requires(anyTest, 'netns', 'ovs');
const ovs = useTestOvs(test, { leftovers: hostLeftovers });

test('a client host reaches a server host; the answer names the server', async (t) => {
  const br = await ovs.bridge(t);
  const server = await createHost(t, { bridge: br, cidr: '10.90.0.11/24', label: 'srv' });
  const client = await createHost(t, { bridge: br, cidr: '10.90.0.100/24', label: 'cli' });
  const s = await startHttpServer(t, { ns: server.ns, address: server.address, port: 8080, name: 'srv' });
  t.like(await httpGetEventually(client.ns, s.url), { ok: true, status: 200, body: 'srv' });
  await s.stop();
  t.like(await httpGet(client.ns, s.url, { timeoutMs: 1_000 }), { ok: false, error: 'ECONNREFUSED' });
});

test('hosts on different VLAN tags do not reach each other', async (t) => {
  const br = await ovs.bridge(t);
  const a = await createHost(t, { bridge: br, cidr: '10.91.0.11/24', vlan: 11, label: 'a' });
  const b = await createHost(t, { bridge: br, cidr: '10.91.0.12/24', vlan: 12, label: 'b' });
  const a2 = await createHost(t, { bridge: br, cidr: '10.91.0.13/24', vlan: 11, label: 'a2' });
  const s = await startHttpServer(t, { ns: a.ns, address: a.address, port: 80, name: 'a' });
  t.like(await httpGetEventually(a2.ns, s.url), { ok: true, body: 'a' });
  t.false((await httpGet(b.ns, s.url, { timeoutMs: 1_000 })).ok);
});
