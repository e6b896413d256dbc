/**
 * Two networks on one OVS bridge, told apart only by their VLAN tags (same
 * CIDR on purpose: nothing but the tag separates them). Each has its own
 * pool, members and client; a VIP is reachable from its own VLAN only.
 */
import anyTest from 'ava';
import { requires } from '../harness/requires.js';
import { tapName } from '../../agent/netns/names.js';
import { useTestOvs } from '../harness/ovs.js';
import { requestBatch } from './support/client.js';
import { startNetnsAgent } from './support/agent.js';
import { createLb, firstSuccess, hostsOn, netnsLeftovers, networkFor } from './support/topology.js';

const test = requires(anyTest, 'netns', 'ovs', 'haproxy');
const ovs = useTestOvs(test, { leftovers: netnsLeftovers });

test('VLAN 101 and VLAN 102 on one bridge: each VIP serves its own VLAN and is unreachable from the other', async (t) => {
  const bridge = await ovs.bridge(t);
  const red = networkFor(bridge, { name: 'red', vlan: 101 });
  const blue = networkFor(bridge, { name: 'blue', vlan: 102 });
  const redHosts = await hostsOn(t, bridge, red, { members: 1, clients: 1, label: 'r' });
  const blueHosts = await hostsOn(t, bridge, blue, { members: 1, clients: 1, label: 'b' });
  const agent = await startNetnsAgent(t, { networks: [red, blue], ovsDb: bridge.db });

  // Different VIP addresses, so a leak would show as an answer, not as an address clash.
  const redLb = await createLb(t, { agent, network: red, members: redHosts.members }, { address: '10.80.0.10' });
  const blueLb = await createLb(t, { agent, network: blue, members: blueHosts.members }, { address: '10.80.0.20' });
  const redClient = redHosts.clients[0]!.ns;
  const blueClient = blueHosts.clients[0]!.ns;

  t.is(await firstSuccess(redClient, redLb.url), 'rm1');
  t.is(await firstSuccess(blueClient, blueLb.url), 'bm1');
  t.is((await bridge.ovs.vsctl(['get', 'Port', tapName(redLb.poolId), 'tag'])).trim(), '101');
  t.is((await bridge.ovs.vsctl(['get', 'Port', tapName(blueLb.poolId), 'tag'])).trim(), '102');

  const cross = async (ns: string, url: string) => (await requestBatch(ns, url, { n: 3, timeoutMs: 1_500 })).outcomes;
  t.true((await cross(blueClient, redLb.url)).every((o) => o.startsWith('error:')), 'blue client cannot reach the red VIP');
  t.true((await cross(redClient, blueLb.url)).every((o) => o.startsWith('error:')), 'red client cannot reach the blue VIP');
  // The red VIP's members are on VLAN 101 only: still reachable from red after the attempts above.
  t.deepEqual((await requestBatch(redClient, redLb.url, { n: 3 })).outcomes, ['rm1', 'rm1', 'rm1']);
});
