import test from 'ava';
import { Network } from '../../../schema/network.js';
import { effectivePortType } from './port-type.js';
import { DriftLog } from './drift.js';

const net = (extra: object = {}) => Network.parse({ name: 'n', bridge: 'br-lb', cidr: '10.0.0.0/24', ...extra });

const cases: [string, Network, 'system' | 'netdev' | 'other', 'internal' | 'veth'][] = [
  ['kernel datapath defaults to internal ports', net(), 'system', 'internal'],
  ['userspace datapath defaults to veth', net(), 'netdev', 'veth'],
  ['other userspace datapaths too', net(), 'other', 'veth'],
  ['explicit internal is honoured on netdev', net({ port_type: 'internal' }), 'netdev', 'internal'],
  ['explicit veth is honoured on system', net({ port_type: 'veth' }), 'system', 'veth'],
];
for (const [title, n, dp, want] of cases) test(title, (t) => t.is(effectivePortType(n, dp).type, want));

test('DriftLog: quiet modes keep the change flag but drop consequences', (t) => {
  const log = new DriftLog();
  log.add('namespace_missing', 'x');
  log.quiet = 'devices';
  log.add('device_missing', 'y');
  log.add('port_missing', 'z');
  log.quiet = 'all';
  log.add('port_tag_wrong', 'w');
  t.true(log.changed);
  t.deepEqual(log.items.map((d) => d.kind), ['namespace_missing', 'port_missing']);
});
