import test from 'ava';
import { RESOURCES, validateCreate, validateUpdate } from './resources.js';
import { failsAt, passes } from './test-util.js';

const def = RESOURCES.pool;
const HM1 = '11111111-1111-4111-8111-111111111111';
const HM2 = '22222222-2222-4222-8222-222222222222';
const base = { name: 'web', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local' };

test('defaults are applied to a minimal pool', (t) => {
  const v = passes(t, validateCreate(def, base));
  t.deepEqual(v, { ...base, description: '', admin_state_up: true, health_monitor_ids: [], agent_id: null, topology: 'SINGLE' });
});

for (const protocol of ['TCP', 'HTTP', 'HTTPS']) {
  for (const lb_method of ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP']) {
    test(`protocol ${protocol} with ${lb_method} is valid`, (t) => {
      passes(t, validateCreate(def, { ...base, protocol, lb_method }));
    });
  }
}

const bad: [string, Record<string, unknown>, string][] = [
  ['name missing', { name: undefined }, 'name'],
  ['name a number', { name: 1 }, 'name'],
  ['name with newline', { name: 'a\nb' }, 'name'],
  ['description with control character', { description: 'x\u0001' }, 'description'],
  ['description null', { description: null }, 'description'],
  ['protocol UDP', { protocol: 'UDP' }, 'protocol'],
  ['protocol missing', { protocol: undefined }, 'protocol'],
  ['lb_method lower case', { lb_method: 'round_robin' }, 'lb_method'],
  ['subnet uppercase', { subnet: 'LOCAL' }, 'subnet'],
  ['admin_state_up a string', { admin_state_up: 'true' }, 'admin_state_up'],
  ['health_monitor_ids not UUIDs', { health_monitor_ids: ['x'] }, 'health_monitor_ids[0]'],
  ['health_monitor_ids duplicate', { health_monitor_ids: [HM1, HM2, HM1] }, 'health_monitor_ids'],
  ['health_monitor_ids over 16', { health_monitor_ids: Array.from({ length: 17 }, (_, i) => `11111111-1111-4111-8111-${String(i).padStart(12, '0')}`) }, 'health_monitor_ids'],
  ['unknown field', { weight: 1 }, 'weight'],
  ['computed vip_id', { vip_id: HM1 }, 'vip_id'],
  ['computed member_ids', { member_ids: [] }, 'member_ids'],
  ['computed id', { id: HM1 }, 'id'],
];
for (const [label, patch, field] of bad) {
  test(`create refuses ${label} at ${field}`, (t) => {
    failsAt(t, validateCreate(def, { ...base, ...patch }), field);
  });
}

const stored = { ...base, description: '', admin_state_up: true, health_monitor_ids: [HM1], agent_id: null, topology: 'SINGLE' };

test('topology is updatable in place and checked', (t) => {
  t.like(passes(t, validateUpdate(def, stored, { topology: 'ACTIVE_STANDBY' })), { topology: 'ACTIVE_STANDBY' });
  failsAt(t, validateUpdate(def, stored, { topology: 'ACTIVE_ACTIVE' }), 'topology');
});

test('update changes the named fields and keeps the rest', (t) => {
  const v = passes(t, validateUpdate(def, stored, { name: 'new', lb_method: 'SOURCE_IP', health_monitor_ids: [HM1, HM2] }));
  t.deepEqual(v, { ...stored, name: 'new', lb_method: 'SOURCE_IP', health_monitor_ids: [HM1, HM2] });
});

test('update may repeat a force-new field with its current value', (t) => {
  passes(t, validateUpdate(def, stored, { protocol: 'HTTP', subnet: 'local', name: 'x' }));
});

for (const [field, value] of [
  ['protocol', 'TCP'],
  ['subnet', 'other'],
] as const) {
  test(`update refuses a change of force-new ${field}, naming it`, (t) => {
    const msg = failsAt(t, validateUpdate(def, stored, { [field]: value }), field);
    t.regex(msg ?? '', /cannot be changed in place/);
  });
}

for (const field of ['id', 'vip_id', 'member_ids', 'provisioning_status', 'operating_status', 'revision', 'in_sync', 'created_at']) {
  test(`update refuses computed ${field}`, (t) => {
    const msg = failsAt(t, validateUpdate(def, stored, { [field]: null }), field);
    t.regex(msg ?? '', /computed/);
  });
}

test('update refuses unknown fields, null for a required field, and a non-object body', (t) => {
  failsAt(t, validateUpdate(def, stored, { colour: 'red' }), 'colour');
  failsAt(t, validateUpdate(def, stored, { name: null }), 'name');
  for (const body of [null, [], 'x', 3]) failsAt(t, validateUpdate(def, stored, body), '');
});
