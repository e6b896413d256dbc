import test from 'ava';
import { RESOURCES, validateCreate, validateUpdate } from './resources.js';
import { failsAt, passes } from './test-util.js';

const def = RESOURCES.vip;
const POOL = '55555555-5555-4555-8555-555555555555';
const base = { name: 'web', pool_id: POOL, subnet: 'local', protocol: 'HTTP', protocol_port: 80 };

test('defaults: address computed later (null), unlimited connections, no persistence, admin up', (t) => {
  t.deepEqual(passes(t, validateCreate(def, base)), {
    ...base,
    description: '',
    address: null,
    connection_limit: -1,
    session_persistence: null,
    admin_state_up: true,
  });
});

/** [protocol, persistence, valid?, field when invalid] */
const persistence: [string, unknown, boolean, string?][] = [
  ['HTTP', { type: 'SOURCE_IP' }, true],
  ['TCP', { type: 'SOURCE_IP' }, true],
  ['HTTPS', { type: 'SOURCE_IP' }, true],
  ['HTTP', { type: 'HTTP_COOKIE' }, true],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: 'JSESSIONID' }, true],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: 'a.b-c_D9' }, true],
  ['HTTP', null, true],
  ['HTTP', { type: 'APP_COOKIE' }, false, 'session_persistence.cookie_name'],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: '' }, false, 'session_persistence.cookie_name'],
  ['HTTP', { type: 'HTTP_COOKIE', cookie_name: 'S' }, false, 'session_persistence.cookie_name'],
  ['HTTP', { type: 'SOURCE_IP', cookie_name: 'S' }, false, 'session_persistence.cookie_name'],
  ['TCP', { type: 'HTTP_COOKIE' }, false, 'session_persistence.type'],
  ['HTTPS', { type: 'HTTP_COOKIE' }, false, 'session_persistence.type'],
  ['TCP', { type: 'APP_COOKIE', cookie_name: 'S' }, false, 'session_persistence.type'],
  ['HTTPS', { type: 'APP_COOKIE', cookie_name: 'S' }, false, 'session_persistence.type'],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: 'a b' }, false, 'session_persistence.cookie_name'],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: 'a;b' }, false, 'session_persistence.cookie_name'],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: 'a)b' }, false, 'session_persistence.cookie_name'],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: 'c'.repeat(65) }, false, 'session_persistence.cookie_name'],
  ['HTTP', { type: 'APP_COOKIE', cookie_name: 'c'.repeat(64) }, true],
  ['HTTP', { type: 'URL' }, false, 'session_persistence.type'],
  ['HTTP', { type: 'SOURCE_IP', ttl: 5 }, false, 'session_persistence.ttl'],
  ['HTTP', {}, false, 'session_persistence.type'],
  ['HTTP', 'SOURCE_IP', false, 'session_persistence'],
];
for (const [protocol, sp, valid, field] of persistence) {
  test(`${protocol} VIP with persistence ${JSON.stringify(sp)} → ${valid ? 'valid' : `invalid at ${field}`}`, (t) => {
    const r = validateCreate(def, { ...base, protocol, session_persistence: sp });
    if (valid) passes(t, r);
    else failsAt(t, r, field!);
  });
}

const bad: [string, Record<string, unknown>, string][] = [
  ['connection_limit 0', { connection_limit: 0 }, 'connection_limit'],
  ['connection_limit -2', { connection_limit: -2 }, 'connection_limit'],
  ['connection_limit 1000001', { connection_limit: 1_000_001 }, 'connection_limit'],
  ['connection_limit 2.5', { connection_limit: 2.5 }, 'connection_limit'],
  ['address ::1', { address: '::1' }, 'address'],
  ['address 10.0.0.256', { address: '10.0.0.256' }, 'address'],
  ['address null', { address: null }, 'address'],
  ['protocol_port 0', { protocol_port: 0 }, 'protocol_port'],
  ['protocol UDP', { protocol: 'UDP' }, 'protocol'],
  ['name with newline', { name: 'a\r\n' }, 'name'],
  ['pool_id missing', { pool_id: undefined }, 'pool_id'],
  ['computed port_id', { port_id: 'x' }, 'port_id'],
  ['unknown field', { listener_id: 'x' }, 'listener_id'],
];
for (const [label, patch, field] of bad) {
  test(`create refuses ${label}`, (t) => {
    failsAt(t, validateCreate(def, { ...base, ...patch }), field);
  });
}

test('create accepts connection_limit -1, 1 and 1000000', (t) => {
  for (const connection_limit of [-1, 1, 1_000_000]) passes(t, validateCreate(def, { ...base, connection_limit }));
});

const stored = { ...base, description: '', address: '127.100.0.9', connection_limit: -1, session_persistence: { type: 'HTTP_COOKIE' }, admin_state_up: true };

test('update can move the VIP to another pool and clear persistence with null', (t) => {
  const other = '66666666-6666-4666-8666-666666666666';
  const v = passes(t, validateUpdate(def, stored, { pool_id: other, session_persistence: null }));
  t.is(v?.pool_id, other);
  t.is(v?.session_persistence, null);
  t.is(v?.address, '127.100.0.9');
});

for (const [field, value] of [
  ['subnet', 'other'],
  ['address', '127.100.0.10'],
  ['protocol_port', 81],
  ['protocol', 'TCP'],
] as const) {
  test(`update refuses force-new ${field}`, (t) => {
    failsAt(t, validateUpdate(def, stored, { [field]: value }), field);
  });
}

test('update checks cross-field rules against the merged object', (t) => {
  failsAt(t, validateUpdate(def, stored, { session_persistence: { type: 'APP_COOKIE' } }), 'session_persistence.cookie_name');
  const tcp = { ...stored, protocol: 'TCP', session_persistence: null };
  failsAt(t, validateUpdate(def, tcp, { session_persistence: { type: 'HTTP_COOKIE' } }), 'session_persistence.type');
});
