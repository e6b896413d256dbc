import test from 'ava';
import { RESOURCES, validateCreate, validateUpdate } from './resources.js';
import { failsAt, passes } from './test-util.js';

const def = RESOURCES.member;
const POOL = '33333333-3333-4333-8333-333333333333';
const base = { pool_id: POOL, address: '10.0.0.5', protocol_port: 8080 };

test('defaults: weight 1, admin up, not a backup', (t) => {
  t.deepEqual(passes(t, validateCreate(def, base)), { ...base, weight: 1, admin_state_up: true, backup: false });
});

const good: [string, Record<string, unknown>][] = [
  ['weight 0 (drain)', { weight: 0 }],
  ['weight 256', { weight: 256 }],
  ['port 1', { protocol_port: 1 }],
  ['port 65535', { protocol_port: 65535 }],
  ['backup', { backup: true }],
  ['admin down', { admin_state_up: false }],
  ['loopback address', { address: '127.0.0.1' }],
  ['address 223.255.255.254', { address: '223.255.255.254' }],
];
for (const [label, patch] of good) {
  test(`create accepts ${label}`, (t) => {
    passes(t, validateCreate(def, { ...base, ...patch }));
  });
}

const bad: [string, Record<string, unknown>, string][] = [
  ['weight 257', { weight: 257 }, 'weight'],
  ['weight -1', { weight: -1 }, 'weight'],
  ['weight 2.5', { weight: 2.5 }, 'weight'],
  ['weight "2"', { weight: '2' }, 'weight'],
  ['port 0', { protocol_port: 0 }, 'protocol_port'],
  ['port 65536', { protocol_port: 65536 }, 'protocol_port'],
  ['port missing', { protocol_port: undefined }, 'protocol_port'],
  ['address 10.0.0.256', { address: '10.0.0.256' }, 'address'],
  ['address ::1', { address: '::1' }, 'address'],
  ['address abc', { address: 'abc' }, 'address'],
  ['address 0.0.0.0', { address: '0.0.0.0' }, 'address'],
  ['address 0.1.2.3', { address: '0.1.2.3' }, 'address'],
  ['address multicast', { address: '239.1.1.1' }, 'address'],
  ['address reserved', { address: '240.0.0.1' }, 'address'],
  ['address broadcast', { address: '255.255.255.255' }, 'address'],
  ['pool_id not a UUID', { pool_id: 'p1' }, 'pool_id'],
  ['backup a string', { backup: 'false' }, 'backup'],
  ['unknown field', { name: 'm' }, 'name'],
  ['computed status', { status: 'ACTIVE' }, 'status'],
];
for (const [label, patch, field] of bad) {
  test(`create refuses ${label}`, (t) => {
    failsAt(t, validateCreate(def, { ...base, ...patch }), field);
  });
}

const stored = { ...base, weight: 1, admin_state_up: true, backup: false };
for (const [field, value] of [
  ['pool_id', '44444444-4444-4444-8444-444444444444'],
  ['address', '10.0.0.6'],
  ['protocol_port', 8081],
] as const) {
  test(`update refuses force-new ${field}`, (t) => {
    t.regex(failsAt(t, validateUpdate(def, stored, { [field]: value }), field) ?? '', /create a new member/);
  });
}

test('update of weight and admin state keeps the rest', (t) => {
  t.deepEqual(passes(t, validateUpdate(def, stored, { weight: 0, admin_state_up: false })), { ...stored, weight: 0, admin_state_up: false });
});

test('update refuses an out-of-range weight', (t) => {
  failsAt(t, validateUpdate(def, stored, { weight: 300 }), 'weight');
});
