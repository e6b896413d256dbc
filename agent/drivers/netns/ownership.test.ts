/**
 * Ownership: the driver touches only what carries its marker, and ids that
 * could be dangerous never get as far as a command.
 */
import anyTest, { type ExecutionContext } from 'ava';
import { requires } from '../../../test/harness/requires.js';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { run } from '../../exec/run.js';
import { useTestOvs } from '../../../test/harness/ovs.js';
import { hostLeftovers, watchNamespace } from '../../../test/harness/hosts.js';
import { nsName, tapName } from '../../netns/names.js';
import { listNetns } from '../../netns/ip.js';
import { NetnsDriver } from './index.js';
import { driverFixture } from './fixture.test-helper.js';

const test = requires(anyTest, 'netns', 'ovs');
const ovs = useTestOvs(test, { leftovers: hostLeftovers });
const NET = { name: 'n1', cidr: '10.79.0.0/24', gateway: '10.79.0.1' };

/** A namespace named like a pool's, made by hand, removed in teardown. */
async function foreignNamespace(t: ExecutionContext, poolId: string) {
  const ns = nsName(poolId);
  watchNamespace(ns);
  t.teardown(() => run('ip', ['netns', 'delete', ns], { reject: false }).then(() => undefined));
  await run('ip', ['netns', 'add', ns]);
  return ns;
}

test('a namespace named like ours without our marker is refused and left alone', async (t) => {
  const fx = await driverFixture(t, ovs, [NET]);
  const poolId = fx.pool();
  const ns = await foreignNamespace(t, poolId);
  const spec = { poolId, vipId: randomUUID(), network: fx.networks[0]!, address: '10.79.0.10' };
  await t.throwsAsync(fx.driver.plug(spec, true), { code: 'NETNS_NOT_OWNED' });
  await t.throwsAsync(fx.driver.unplug(poolId), { code: 'NETNS_DRIVER_NOT_OWNED' });
  t.true((await listNetns()).includes(ns), 'still there');
  t.deepEqual(await fx.driver.listOwned(), []);
});

test('a namespace marked by another agent is refused too', async (t) => {
  const fx = await driverFixture(t, ovs, [NET]);
  const other = new NetnsDriver({ networks: fx.networks, stateDir: fx.stateDir, agentId: 'someone-else', ovsDb: fx.bridge.db });
  await other.start();
  const poolId = randomUUID();
  watchNamespace(nsName(poolId));
  t.teardown(async () => {
    await other.settle();
    await other.unplug(poolId);
  });
  const spec = { poolId, vipId: randomUUID(), network: fx.networks[0]!, address: '10.79.0.11' };
  await other.plug(spec, true);
  await t.throwsAsync(fx.driver.plug(spec, false), { code: 'NETNS_NOT_OWNED' });
  const err = await t.throwsAsync(fx.driver.unplug(poolId));
  t.is((err as { code?: string }).code, 'NETNS_DRIVER_NOT_OWNED');
  t.regex(err!.message, /port tap.* is not ours/);
  t.regex(err!.message, /marked for someone-else/);
  t.deepEqual(await other.listOwned(), [poolId], 'the other agent still has everything');
  t.deepEqual(await fx.driver.listOwned(), []);
});

test('an OVS port named like ours without our marker is refused and left alone', async (t) => {
  const fx = await driverFixture(t, ovs, [NET]);
  const poolId = fx.pool();
  watchNamespace(nsName(poolId));
  const tap = tapName(poolId);
  await fx.bridge.ovs.vsctl(['add-port', fx.bridge.name, tap, '--', 'set', 'Interface', tap, 'type=internal']);
  t.teardown(() => fx.bridge.ovs.vsctl(['--if-exists', 'del-port', tap]).then(() => undefined));
  const spec = { poolId, vipId: randomUUID(), network: fx.networks[0]!, address: '10.79.0.12' };
  await t.throwsAsync(fx.driver.plug(spec, true), { code: 'OVS_NOT_OWNED' });
  await t.throwsAsync(fx.driver.unplug(poolId), { code: 'NETNS_DRIVER_NOT_OWNED' });
  const ports = (await fx.bridge.ovs.vsctl(['list-ports', fx.bridge.name])).split('\n');
  t.true(ports.includes(tap), 'the port is still there');
  t.false((await listNetns()).includes(nsName(poolId)), 'unplug removed our own namespace all the same');
});

test('an unmarked namespace with our intent file (agent died mid-create) is adopted', async (t) => {
  const fx = await driverFixture(t, ovs, [NET]);
  const poolId = fx.pool();
  await foreignNamespace(t, poolId);
  await mkdir(path.join(fx.stateDir, 'netns-intent'), { recursive: true });
  await writeFile(path.join(fx.stateDir, 'netns-intent', poolId), fx.agentId);
  t.deepEqual(await fx.driver.listOwned(), [poolId]);
  const spec = { poolId, vipId: randomUUID(), network: fx.networks[0]!, address: '10.79.0.13' };
  const r = await fx.driver.plug(spec, false);
  t.true(r.drift.some((d) => d.kind === 'namespace_marker_missing'), JSON.stringify(r.drift));
  t.true((await fx.driver.inspect(poolId)).namespace.owned);
  t.false(existsSync(path.join(fx.stateDir, 'netns-intent', poolId)), 'intent file cleared');
});

test('ids that are not UUIDs never reach a command', async (t) => {
  const fx = await driverFixture(t, ovs, [NET]);
  const marker = path.join(fx.stateDir, 'pwned');
  const badIds = [`$(touch ${marker})`, 'x; touch pwned', '../../etc', 'A'.repeat(36), ''];
  for (const poolId of badIds) {
    const spec = { poolId, vipId: randomUUID(), network: fx.networks[0]!, address: '10.79.0.14' };
    await t.throwsAsync(fx.driver.plug(spec, true), { code: 'NETNS_INVALID_ID' }, poolId);
    await t.throwsAsync(fx.driver.unplug(poolId), { code: 'NETNS_INVALID_ID' }, poolId);
    t.throws(() => fx.driver.netnsOf(poolId), { code: 'NETNS_INVALID_ID' });
  }
  t.throws(() => new NetnsDriver({ networks: [], stateDir: fx.stateDir, agentId: 'a b; rm -rf /' }), { code: 'NETNS_DRIVER_INVALID_OPTIONS' });
  t.throws(() => new NetnsDriver({ networks: [], stateDir: 'relative', agentId: 'a' }), { code: 'NETNS_DRIVER_INVALID_OPTIONS' });
  t.false(existsSync(marker));
  // Other tests run concurrently: look only for names these ids could have produced.
  t.deepEqual((await listNetns()).filter((n) => badIds.some((b) => b !== '' && n.includes(b))), []);
});
