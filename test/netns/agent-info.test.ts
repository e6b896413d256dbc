/**
 * What the agent says about its data plane: `GET /v1/agent` under the netns
 * driver, and `--driver auto` picking netns when it can (root, tools, OVS
 * database reachable) and falling back to local, with the reason, when the
 * OVS database cannot be reached.
 */
import anyTest from 'ava';
import { requires } from '../harness/requires.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useTestOvs } from '../harness/ovs.js';
import { startNetnsAgent } from './support/agent.js';
import { createLb, firstSuccess, hostsOn, netnsLeftovers, networkFor } from './support/topology.js';

const test = requires(anyTest, 'netns', 'ovs', 'haproxy');
const ovs = useTestOvs(test, { leftovers: netnsLeftovers });

test('GET /v1/agent reports the netns driver, the datapath of the bridge and the networks', async (t) => {
  const bridge = await ovs.bridge(t);
  const net = networkFor(bridge, { vlan: 42 });
  const agent = await startNetnsAgent(t, { networks: [net], ovsDb: bridge.db });
  const info = await agent.client.agent();
  t.is(info.driver, 'netns');
  t.is(info.datapath, bridge.datapath);
  t.is(bridge.datapath, 'netdev', 'no openvswitch kernel module here: the userspace datapath');
  t.regex(info.driver_reason, /^requested with --driver netns; netns: OVS .* reachable/);
  t.regex(info.driver_reason, new RegExp(`datapath ${bridge.datapath}`));
  t.deepEqual(info.networks, [{ name: net.name, cidr: net.cidr, bridge: bridge.name, vlan: 42, gateway: net.gateway }]);
});

test('--driver auto as root with OVS reachable picks netns and serves through a namespace', async (t) => {
  const bridge = await ovs.bridge(t);
  const net = networkFor(bridge);
  const hosts = await hostsOn(t, bridge, net, { members: 1, clients: 1 });
  const agent = await startNetnsAgent(t, { networks: [net], ovsDb: bridge.db, driver: 'auto' });
  const info = await agent.client.agent();
  t.is(info.driver, 'netns');
  t.is(info.datapath, bridge.datapath);
  t.regex(info.driver_reason, /^auto: netns possible \(root; ip, ovs-vsctl, haproxy, ethtool found; OVS .* reachable/);
  const lb = await createLb(t, { agent, network: net, members: hosts.members });
  t.is(await firstSuccess(hosts.clients[0]!.ns, lb.url), 'm1');
});

test('--driver auto with an unreachable --ovs-db falls back to local and says why', async (t) => {
  const bridge = await ovs.bridge(t);
  const dir = mkdtempSync(path.join(tmpdir(), 'lbt-no-ovs-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const agent = await startNetnsAgent(t, {
    networks: [networkFor(bridge)],
    ovsDb: path.join(dir, 'db.sock'), // nothing listens here
    driver: 'auto',
  });
  const info = await agent.client.agent();
  t.is(info.driver, 'local');
  t.is(info.datapath, null);
  t.regex(info.driver_reason, /^auto: netns not possible \(no OVS database reachable at unix:.*db\.sock/);
  t.deepEqual(info.networks.map((n) => n.name), ['local']);
});
