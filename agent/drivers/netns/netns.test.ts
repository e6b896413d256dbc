/**
 * The netns driver against real namespaces, a real OVS bridge (userspace
 * datapath here) and real HTTP servers. A plain HTTP server bound to the VIP
 * inside the pool namespace stands in for HAProxy.
 */
import anyTest, { type ExecutionContext } from 'ava';
import { requires } from '../../../test/harness/requires.js';
import { run } from '../../exec/run.js';
import { useTestOvs } from '../../../test/harness/ovs.js';
import { createHost, hostLeftovers, httpGet, httpGetEventually, startHttpServer, watchNamespace } from '../../../test/harness/hosts.js';
import { macFor, nsName, tapName } from '../../netns/names.js';
import { getLink, listNetns } from '../../netns/ip.js';
import { driverFixture } from './fixture.test-helper.js';

const test = requires(anyTest, 'netns', 'ovs');

const ovs = useTestOvs(test, { leftovers: hostLeftovers });

const NET = { name: 'n1', cidr: '10.77.0.0/24', gateway: '10.77.0.1' };
const VIP = '10.77.0.10';

/** Driver, one plugged pool with a server on the VIP, and a client host. */
async function plugged(t: ExecutionContext, net: Record<string, unknown> = NET) {
  const fx = await driverFixture(t, ovs, [net as never]);
  const poolId = fx.pool();
  watchNamespace(nsName(poolId));
  const spec = { poolId, vipId: crypto.randomUUID(), network: fx.networks[0]!, address: VIP };
  const first = await fx.driver.plug(spec, true);
  const server = await startHttpServer(t, { ns: first.netns!, address: VIP, port: 80, name: 'pool' });
  const client = await createHost(t, { bridge: fx.bridge, cidr: '10.77.0.100/24', label: 'client' });
  return { ...fx, poolId, spec, first, server, client, url: `http://${VIP}/` };
}

test('plug: the VIP carries TCP from a client namespace, and a second plug changes nothing', async (t) => {
  const p = await plugged(t);
  t.is(p.first.netns, `qlbaas-${p.poolId}`);
  t.is(p.first.portId, tapName(p.poolId));
  t.deepEqual(p.first.drift, []);
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, status: 200, body: 'pool' });

  const again = await p.driver.plug(p.spec, false);
  t.deepEqual(again.drift, [], 'idempotent: nothing to repair');
  t.like(await httpGet(p.client.ns, p.url), { ok: true, body: 'pool' });

  const seen = await p.driver.inspect(p.poolId);
  t.true(seen.namespace.exists && seen.namespace.owned);
  t.deepEqual(seen.device?.addresses, [`${VIP}/24`]);
  t.deepEqual(seen.defaultRoutes, [{ gateway: '10.77.0.1', dev: seen.device!.name }]);
  t.true(seen.device!.up && seen.device!.carrier);
  t.deepEqual(await p.driver.listOwned(), [p.poolId]);
  t.is(p.driver.info.name, 'netns');
  t.is(p.driver.info.datapath, p.bridge.datapath);
});

for (const portType of ['veth', 'internal'] as const) {
  test(`namespace deleted by hand (${portType}): plug reports namespace_missing, repairs, traffic flows again`, async (t) => {
    const p = await plugged(t, { ...NET, port_type: portType });
    await p.server.stop(); // a process would keep the namespace alive; HAProxy is restarted by its manager
    await run('ip', ['netns', 'delete', p.first.netns!]);
    const r = await p.driver.plug(p.spec, false);
    t.deepEqual(r.drift.map((d) => d.kind), ['namespace_missing']);
    t.true(r.drift.every((d) => d.repaired));
    await startHttpServer(t, { ns: r.netns!, address: VIP, port: 80, name: 'pool-again' });
    t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, body: 'pool-again' });
    t.deepEqual((await p.driver.plug(p.spec, false)).drift, []);
  });
}

test('OVS port deleted by hand: port_missing, repaired', async (t) => {
  const p = await plugged(t);
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true });
  await p.bridge.ovs.vsctl(['del-port', p.first.portId!]);
  t.false((await httpGet(p.client.ns, p.url, { timeoutMs: 500 })).ok, 'the port really was the path');
  const r = await p.driver.plug(p.spec, false);
  t.true(r.drift.some((d) => d.kind === 'port_missing'), JSON.stringify(r.drift));
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, body: 'pool' });
});

test('address and route removed by hand: address_missing and route_missing, repaired', async (t) => {
  const p = await plugged(t);
  const dev = (await p.driver.inspect(p.poolId)).device!.name;
  await run('ip', ['-n', p.first.netns!, 'addr', 'del', `${VIP}/24`, 'dev', dev]);
  const r = await p.driver.plug(p.spec, false);
  // Removing the only address also drops the route through it.
  t.deepEqual(r.drift.map((d) => d.kind), ['address_missing', 'route_missing']);
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, body: 'pool' });

  await run('ip', ['-n', p.first.netns!, 'route', 'del', 'default']);
  t.deepEqual((await p.driver.plug(p.spec, false)).drift.map((d) => d.kind), ['route_missing']);
  await run('ip', ['-n', p.first.netns!, 'addr', 'add', '10.77.0.99/24', 'dev', dev]);
  t.deepEqual((await p.driver.plug(p.spec, false)).drift.map((d) => d.kind), ['address_unexpected']);
  t.deepEqual((await p.driver.inspect(p.poolId)).device?.addresses, [`${VIP}/24`]);
});

test('internal port (explicit port_type) carries TCP on this datapath and is repaired', async (t) => {
  const p = await plugged(t, { ...NET, port_type: 'internal' });
  const dev = await getLink(p.first.netns!, p.first.portId!);
  t.truthy(dev, 'the internal port device lives in the namespace');
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, body: 'pool' });
  t.deepEqual((await p.driver.plug(p.spec, false)).drift, []);
  await p.bridge.ovs.vsctl(['del-port', p.first.portId!]);
  const r = await p.driver.plug(p.spec, false);
  t.true(r.drift.some((d) => d.kind === 'port_missing'), JSON.stringify(r.drift));
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, body: 'pool' });
});

for (const portType of ['veth', 'internal'] as const) {
  test(`unplug (${portType}) leaves no namespace, port or device, and the pool is no longer owned`, async (t) => {
    const p = await plugged(t, { ...NET, port_type: portType });
    await p.server.stop();
    // Half-gone plumbing is still ours and still listed: the port outlives a deleted namespace.
    await run('ip', ['netns', 'delete', p.first.netns!]);
    t.deepEqual(await p.driver.listOwned(), [p.poolId]);
    await p.driver.plug(p.spec, false);
    await p.driver.unplug(p.poolId);
    t.false((await listNetns()).includes(p.first.netns!));
    t.is(await getLink(undefined, p.first.portId!), undefined);
    const ports = await p.bridge.ovs.vsctl(['list-ports', p.bridge.name]);
    t.false(ports.split('\n').includes(p.first.portId!));
    t.deepEqual(await p.driver.listOwned(), []);
    await t.notThrowsAsync(p.driver.unplug(p.poolId), 'unplug is idempotent');
  });
}

test('MTU, sysctls, TX offload and VLAN tag are set, and repaired when changed by hand', async (t) => {
  const p = await plugged(t, { ...NET, mtu: 1400 });
  const ns = p.first.netns!;
  const seen = await p.driver.inspect(p.poolId);
  t.is(seen.device!.mtu, 1400);
  t.is(seen.hostDevice!.mtu, 1400);
  const sysctl = await run('sysctl', ['-n', 'net.ipv4.conf.all.promote_secondaries', 'net.ipv4.ip_nonlocal_bind'], { netns: ns });
  t.deepEqual(sysctl.stdout.split('\n'), ['1', '1']);
  const offload = async (dev: string, where?: string) => /^tx-checksumming: off/m.test((await run('ethtool', ['-k', dev], { netns: where })).stdout);
  if (p.bridge.datapath === 'netdev') {
    t.true(await offload(p.first.portId!));
    t.true(await offload(seen.device!.name, ns));
  }

  await run('ip', ['-n', ns, 'link', 'set', 'dev', seen.device!.name, 'mtu', '1500']);
  await run('sysctl', ['-q', '-w', 'net.ipv4.ip_nonlocal_bind=0'], { netns: ns });
  await run('ethtool', ['-K', p.first.portId!, 'tx', 'on'], { reject: false });
  await p.bridge.ovs.vsctl(['set', 'Port', p.first.portId!, 'tag=99']);
  const r = await p.driver.plug(p.spec, false);
  const kinds = r.drift.map((d) => d.kind).sort();
  const expected = ['mtu_wrong', 'port_tag_wrong', 'sysctl_wrong', ...(p.bridge.datapath === 'netdev' ? ['offload_on'] : [])].sort();
  t.deepEqual(kinds, expected);
  t.is((await p.bridge.ovs.vsctl(['get', 'Port', p.first.portId!, 'tag'])).trim(), '[]', 'untagged again');
  t.deepEqual((await p.driver.plug(p.spec, false)).drift, []);
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, body: 'pool' });
});

test('gratuitous ARP is sent even without a gateway (v1 skipped it)', async (t) => {
  const fx = await driverFixture(t, ovs, [{ name: 'nogw', cidr: '10.81.0.0/24' }]);
  // The watcher accepts unsolicited ARP (Linux ignores it by default) so
  // that its neighbour table shows whether an announcement arrived.
  const watcher = await createHost(t, { bridge: fx.bridge, cidr: '10.81.0.100/24', label: 'watch' });
  await run('sysctl', ['-q', '-w', 'net.ipv4.conf.all.arp_accept=1', 'net.ipv4.conf.eth0.arp_accept=1'], { netns: watcher.ns });
  const poolId = fx.pool();
  watchNamespace(nsName(poolId));
  await fx.driver.plug({ poolId, vipId: crypto.randomUUID(), network: fx.networks[0]!, address: '10.81.0.10' }, true);
  await fx.driver.settle();
  const neigh = await run('ip', ['-n', watcher.ns, '-j', 'neigh', 'show', '10.81.0.10']);
  const entries = JSON.parse(neigh.stdout || '[]') as { lladdr?: string }[];
  t.is(entries[0]?.lladdr, macFor(poolId), 'the watcher learnt the VIP without ever asking');
});

test('two networks with different VLAN tags on one bridge cannot reach each other', async (t) => {
  const fx = await driverFixture(t, ovs, [
    { name: 'red', cidr: '10.78.0.0/24', vlan: 101 },
    { name: 'blue', cidr: '10.78.0.0/24', vlan: 102 },
  ]);
  const [red, blue] = [fx.pool(), fx.pool()];
  watchNamespace(nsName(red));
  watchNamespace(nsName(blue));
  const r = await fx.driver.plug({ poolId: red, vipId: crypto.randomUUID(), network: fx.networks[0]!, address: '10.78.0.10' }, true);
  const b = await fx.driver.plug({ poolId: blue, vipId: crypto.randomUUID(), network: fx.networks[1]!, address: '10.78.0.20' }, true);
  await startHttpServer(t, { ns: r.netns!, address: '10.78.0.10', port: 80, name: 'red' });
  await startHttpServer(t, { ns: b.netns!, address: '10.78.0.20', port: 80, name: 'blue' });
  const redClient = await createHost(t, { bridge: fx.bridge, cidr: '10.78.0.100/24', vlan: 101, label: 'red' });
  const blueClient = await createHost(t, { bridge: fx.bridge, cidr: '10.78.0.101/24', vlan: 102, label: 'blue' });

  t.like(await httpGetEventually(redClient.ns, 'http://10.78.0.10/'), { ok: true, body: 'red' });
  t.like(await httpGetEventually(blueClient.ns, 'http://10.78.0.20/'), { ok: true, body: 'blue' });
  t.false((await httpGet(redClient.ns, 'http://10.78.0.20/', { timeoutMs: 1_500 })).ok, 'red cannot reach blue');
  t.false((await httpGet(blueClient.ns, 'http://10.78.0.10/', { timeoutMs: 1_500 })).ok, 'blue cannot reach red');
  t.deepEqual(await fx.driver.listOwned(), [red, blue].sort());
});

test('internal port whose tap lost ovs-vswitchd (as after a vswitchd restart): device_stale, repaired', async (t) => {
  const p = await plugged(t, { ...NET, port_type: 'internal' });
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true });
  const tap = p.first.portId!;
  const ids = await p.bridge.ovs.vsctl(['get', 'Interface', tap, 'external_ids']);
  // What a restart leaves behind: in the namespace a persistent tap that no
  // process holds (UP, no carrier); in OVS the port, whose new tap is on the host.
  await p.bridge.ovs.vsctl(['del-port', tap]);
  await run('ip', ['-n', p.first.netns!, 'tuntap', 'add', 'dev', tap, 'mode', 'tap']);
  await run('ip', ['-n', p.first.netns!, 'link', 'set', 'dev', tap, 'up']);
  await p.bridge.ovs.vsctl(['add-port', p.bridge.name, tap, '--', 'set', 'Interface', tap, 'type=internal', `external_ids=${ids}`]);
  t.truthy(await getLink(undefined, tap), 'a fresh tap appeared on the host');
  t.false((await httpGet(p.client.ns, p.url, { timeoutMs: 500 })).ok, 'broken as after a restart');

  const r = await p.driver.plug(p.spec, false);
  t.deepEqual(r.drift.map((d) => d.kind), ['device_stale']);
  t.is(await getLink(undefined, tap), undefined, 'the live tap moved into the namespace');
  t.like(await httpGetEventually(p.client.ns, p.url), { ok: true, body: 'pool' });
});

test('bridge deleted by hand: bridge_missing, recreated with the datapath and our marker', async (t) => {
  const p = await plugged(t);
  await p.bridge.ovs.vsctl(['del-br', p.bridge.name]);
  const r = await p.driver.plug(p.spec, false);
  t.is(r.drift[0]?.kind, 'bridge_missing');
  t.true(r.drift.some((d) => d.kind === 'port_missing'), JSON.stringify(r.drift));
  t.is((await p.bridge.ovs.vsctl(['get', 'Bridge', p.bridge.name, 'datapath_type'])).trim(), p.bridge.datapath);
  t.is((await p.bridge.ovs.vsctl(['get', 'Bridge', p.bridge.name, 'external_ids:lbaas-owner'])).trim().replace(/"/g, ''), p.agentId);
  t.true((await p.bridge.ovs.vsctl(['list-ports', p.bridge.name])).split('\n').includes(p.first.portId!));
});
