/** The one-read port table (OVSDB JSON-RPC) against the test OVS: the same rows getPort() reads with ovs-vsctl. */
import anyTest, { type TestFn } from 'ava';
import { randomBytes, randomUUID } from 'node:crypto';
import { useTestOvs } from '../../test/harness/ovs.js';
import { canRun } from '../drivers/netns/fixture.test-helper.js';
import { addPort, getPort } from './port.js';
import { readPortTable } from './port-table.js';
import { selectAll } from './ovsdb-rpc.js';

const test = (canRun ? anyTest : anyTest.skip) as TestFn;
const ovs = useTestOvs(test);

test('readPortTable: every port in one read, equal to getPort for each', async (t) => {
  const br = await ovs.bridge(t);
  const target = { db: br.db };
  const names = [0, 1, 2].map(() => `tq${randomBytes(4).toString('hex')}`);
  t.teardown(async () => {
    for (const n of names) await br.ovs.vsctl(['--if-exists', 'del-port', n]);
  });
  for (const [i, name] of names.entries()) {
    const tag = i === 1 ? undefined : 10 + i;
    await addPort(target, { bridge: br.name, name, internal: true, tag, mac: `02:00:00:00:00:0${i + 1}`, ifaceId: randomUUID(), owner: 'agent-t', pool: randomUUID() });
  }
  const table = await readPortTable(target);
  for (const name of names) t.deepEqual(table.get(name), await getPort(target, name), name);
  t.is(table.get(br.name)?.bridge, br.name, 'the bridge port itself is there too');
});

test('selectAll: a missing socket is OVS_UNREACHABLE', async (t) => {
  await t.throwsAsync(selectAll({ db: '/nonexistent/lbaas/db.sock' }, [{ table: 'Port', columns: ['name'] }]), { code: 'OVS_UNREACHABLE' });
});
