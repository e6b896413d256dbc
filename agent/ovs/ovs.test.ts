/** The ovs-vsctl wrappers against the test OVS (real ovsdb-server and ovs-vswitchd). */
import anyTest from 'ava';
import { requires } from '../../test/harness/requires.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { useTestOvs } from '../../test/harness/ovs.js';
import { netnsPossible } from '../drivers/netns/index.js';
import { ensureBridge, getBridge, deleteOwnedBridge } from './bridge.js';
import { detectDatapath } from './datapath.js';
import { ovsReachable } from './db.js';
import { addPort, deleteOwnedPort, getPort, listOwnedPorts, setPortTag } from './port.js';

const test = requires(anyTest, 'netns', 'ovs', 'haproxy');
const ovs = useTestOvs(test);
const BOGUS = '/nonexistent/lbaas/db.sock';

test('reachability: the test OVS answers, a missing socket does not', async (t) => {
  const br = await ovs.bridge(t);
  t.true((await ovsReachable({ db: br.db })).ok);
  const no = await ovsReachable({ db: BOGUS });
  t.false(no.ok);
  t.regex(no.reason, /no OVS database reachable/);
});

test('netnsPossible: yes here with the test OVS, no without a database', async (t) => {
  const br = await ovs.bridge(t);
  const yes = await netnsPossible({ ovsDb: br.db });
  t.true(yes.ok, yes.reason);
  const no = await netnsPossible({ ovsDb: BOGUS });
  t.false(no.ok);
  t.regex(no.reason, /no OVS database reachable/);
});

test('datapath detection matches the host (no kernel module here: netdev), probe bridge removed', async (t) => {
  const br = await ovs.bridge(t);
  const { existsSync } = await import('node:fs');
  const dp = await detectDatapath({ db: br.db }, 'probe-test');
  t.is(dp.datapath, existsSync('/sys/module/openvswitch') ? 'system' : 'netdev', dp.reason);
  const bridges = await br.ovs.vsctl(['list-br']);
  t.false(/lbprobe/.test(bridges));
});

test('ensureBridge: an existing bridge is used as it is; a missing one is created with our marker', async (t) => {
  const br = await ovs.bridge(t);
  const target = { db: br.db };
  const before = await br.ovs.vsctl(['get', 'Bridge', br.name, 'external_ids', 'datapath_type']);
  const existing = await ensureBridge(target, br.name, { datapath: 'system', owner: 'agent-a' });
  t.false(existing.created);
  t.is(existing.bridge.datapath, br.datapath, 'its own datapath, not the one we would pick');
  t.is(existing.bridge.owner, undefined);
  t.is(await br.ovs.vsctl(['get', 'Bridge', br.name, 'external_ids', 'datapath_type']), before, 'not modified');
  await t.throwsAsync(deleteOwnedBridge(target, br.name, 'agent-a'), { code: 'OVS_NOT_OWNED' });

  const name = `lbn${randomBytes(4).toString('hex')}`;
  t.teardown(() => br.ovs.vsctl(['--if-exists', 'del-br', name]).then(() => undefined));
  const made = await ensureBridge(target, name, { datapath: 'netdev', owner: 'agent-a' });
  t.true(made.created);
  t.like(await getBridge(target, name), { datapathType: 'netdev', owner: 'agent-a' });
  t.true(await deleteOwnedBridge(target, name, 'agent-a'));
  t.is(await getBridge(target, name), undefined);
});

test('ports: marker and Neutron keys in one transaction, tag, ownership-checked delete', async (t) => {
  const br = await ovs.bridge(t);
  const target = { db: br.db };
  const pool = randomUUID();
  const vip = randomUUID();
  const name = `tp${randomBytes(4).toString('hex')}`;
  await addPort(target, { bridge: br.name, name, internal: true, tag: 42, mac: '02:00:00:00:00:01', ifaceId: vip, owner: 'agent-a', pool });
  const p = await getPort(target, name);
  t.like(p, { bridge: br.name, tag: 42, type: 'internal', owner: 'agent-a', pool });
  t.like(p!.externalIds, { 'iface-id': vip, 'attached-mac': '02:00:00:00:00:01', 'iface-status': 'active' });
  t.true(p!.ofport !== undefined && p!.ofport > 0, 'vswitchd opened it');
  await setPortTag(target, name, undefined);
  t.is((await getPort(target, name))!.tag, undefined);
  t.deepEqual(await listOwnedPorts(target, 'agent-a'), [{ name, pool }]);
  t.deepEqual(await listOwnedPorts(target, 'agent-b'), []);

  await t.throwsAsync(deleteOwnedPort(target, name, { owner: 'agent-b' }), { code: 'OVS_NOT_OWNED' });
  await t.throwsAsync(deleteOwnedPort(target, name, { owner: 'agent-a', pool: randomUUID() }), { code: 'OVS_NOT_OWNED' });
  t.truthy(await getPort(target, name), 'left alone');
  t.true(await deleteOwnedPort(target, name, { owner: 'agent-a', pool }));
  t.is(await getPort(target, name), undefined);
  t.false(await deleteOwnedPort(target, name, { owner: 'agent-a', pool }), 'nothing to delete');
});

test('bad names, tags and ids are refused before ovs-vsctl runs', async (t) => {
  const br = await ovs.bridge(t);
  const target = { db: br.db };
  const base = { bridge: br.name, internal: true, tag: undefined, mac: '02:00:00:00:00:01', ifaceId: 'x', owner: 'a', pool: 'p' };
  for (const spec of [
    { ...base, name: 'a;b' },
    { ...base, name: 'waytoolongforifnamsiz' },
    { ...base, name: 'ok', tag: 4095 },
    { ...base, name: 'ok', owner: 'a b' },
    { ...base, name: 'ok', mac: 'zz' },
  ]) {
    await t.throwsAsync(addPort(target, spec), { code: 'OVS_INVALID_ARGUMENT' }, JSON.stringify(spec));
  }
});
