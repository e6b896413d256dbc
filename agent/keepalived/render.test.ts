import test from 'ava';
import { normalizeVrrp, type VrrpInput } from './model.js';
import { formatInterval, renderKeepalived } from './render.js';
import { parseNotifyLine } from './role.js';
import { checkScriptText } from './script.js';

const base: VrrpInput = {
  poolId: '3d993dc3-1515-44f4-9ad9-b8ade0d83cfb',
  agentId: 'net-1',
  vrid: 42,
  interface: 'ns-3d993dc3-15',
  selfAddress: '10.0.0.11',
  peers: ['10.0.0.12'],
  vip: '10.0.0.10',
  prefix: 24,
  priority: 100,
  checkScript: '/var/lib/lbaas/scripts/check-haproxy',
  healthPort: 8404,
  notifyFifo: '/var/lib/lbaas/pools/3d993dc3-1515-44f4-9ad9-b8ade0d83cfb/keepalived.fifo',
};

test('renders VRRPv3, unicast peers, the VIP, the track script, GARP refresh, the FIFO and nopreempt', (t) => {
  const text = renderKeepalived(normalizeVrrp(base));
  for (const line of [
    'vrrp_version 3',
    'enable_script_security',
    'script_user root',
    'vrrp_garp_master_refresh 10',
    `vrrp_notify_fifo ${base.notifyFifo}`,
    `script "${base.checkScript} 8404"`,
    'state BACKUP',
    'interface ns-3d993dc3-15',
    'virtual_router_id 42',
    'priority 100',
    'advert_int 0.1',
    'nopreempt',
    'unicast_src_ip 10.0.0.11',
    '        10.0.0.12',
    '        10.0.0.10/24 dev ns-3d993dc3-15',
    'vrrp_instance lb_3d993dc315154',
  ]) {
    t.true(text.split('\n').some((l) => l.includes(line)), `missing: ${line}`);
  }
});

test('preempt drops nopreempt; advert_int and garp refresh are configurable', (t) => {
  const text = renderKeepalived(normalizeVrrp({ ...base, preempt: true, advertInt: 1, garpRefresh: 30 }));
  t.false(text.includes('nopreempt'));
  t.true(text.includes('advert_int 1\n'));
  t.true(text.includes('vrrp_garp_master_refresh 30'));
});

test('formatInterval keeps centiseconds without float noise', (t) => {
  t.is(formatInterval(0.1), '0.1');
  t.is(formatInterval(0.3), '0.3');
  t.is(formatInterval(1), '1');
  t.is(formatInterval(40.95), '40.95');
});

const bad: [string, Partial<VrrpInput>][] = [
  ['poolId', { poolId: 'not-a-uuid' }],
  ['agentId', { agentId: 'a b' }],
  ['agentId', { agentId: 'x}\nvrrp_script evil {' }],
  ['vrid', { vrid: 0 }],
  ['vrid', { vrid: 256 }],
  ['vrid', { vrid: 1.5 }],
  ['interface', { interface: 'eth0 dev lo' }],
  ['interface', { interface: 'a-very-long-interface-name' }],
  ['selfAddress', { selfAddress: '10.0.0.300' }],
  ['peers', { peers: [] }],
  ['peers[0]', { peers: ['10.0.0.11'] }],
  ['peers[0]', { peers: ['10.0.0.12\n}'] }],
  ['vip', { vip: '10.0.0.11' }],
  ['vip', { vip: 'example.com' }],
  ['prefix', { prefix: 33 }],
  ['priority', { priority: 255 }],
  ['advertInt', { advertInt: 0 }],
  ['advertInt', { advertInt: 0.001 }],
  ['advertInt', { advertInt: 41 }],
  ['garpRefresh', { garpRefresh: 0.5 }],
  ['healthPort', { healthPort: 0 }],
  ['checkScript', { checkScript: 'relative/path' }],
  ['checkScript', { checkScript: '/tmp/a b' }],
  ['checkScript', { checkScript: '/tmp/../etc/x' }],
  ['notifyFifo', { notifyFifo: '/tmp/"x"' }],
];
for (const [field, patch] of bad) {
  test(`refused before rendering: ${field} = ${JSON.stringify(Object.values(patch)[0])}`, (t) => {
    const err = t.throws(() => normalizeVrrp({ ...base, ...patch }));
    t.is((err as { code?: string }).code, 'KEEPALIVED_INVALID');
    t.is((err as { field?: string }).field, field);
  });
}

test('notify lines: instance and role; STOP is UNKNOWN; anything else ignored', (t) => {
  t.deepEqual(parseNotifyLine('INSTANCE "lb_abc" MASTER 100'), { instance: 'lb_abc', role: 'MASTER' });
  t.deepEqual(parseNotifyLine('INSTANCE "lb_abc" BACKUP 90\n'), { instance: 'lb_abc', role: 'BACKUP' });
  t.deepEqual(parseNotifyLine('INSTANCE "lb_abc" FAULT 0'), { instance: 'lb_abc', role: 'FAULT' });
  t.deepEqual(parseNotifyLine('INSTANCE "lb_abc" STOP 0'), { instance: 'lb_abc', role: 'UNKNOWN' });
  t.is(parseNotifyLine('GROUP "g" MASTER'), undefined);
  t.is(parseNotifyLine('INSTANCE "lb_abc" WEIRD 1'), undefined);
  t.is(parseNotifyLine('garbage'), undefined);
});

test('the check script is fixed text that validates its one argument', (t) => {
  const s = checkScriptText();
  t.true(s.startsWith('#!/bin/bash\n'));
  t.true(s.includes('[[ $1 =~ ^[0-9]{1,5}$ ]] || exit 2'));
  t.false(s.includes('${'), 'nothing substituted at run time but $1');
});
