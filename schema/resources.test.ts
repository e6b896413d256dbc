/** The attribute metadata every consumer derives from, checked against DESIGN.md's object table. */
import test from 'ava';
import { forceNewKeys, updatableKeys, writableKeys } from './attr.js';
import { KINDS, RESOURCES, validateCreate, zodIssues } from './resources.js';

const REQUIRED = {
  pool: ['name', 'protocol', 'lb_method', 'subnet'],
  member: ['pool_id', 'address', 'protocol_port'],
  vip: ['name', 'pool_id', 'subnet', 'protocol_port', 'protocol'],
  health_monitor: ['type', 'delay', 'timeout', 'max_retries'],
} as const;

const FORCE_NEW = {
  pool: ['protocol', 'subnet'],
  member: ['pool_id', 'address', 'protocol_port'],
  vip: ['subnet', 'address', 'protocol_port', 'protocol'],
  health_monitor: ['type'],
} as const;

const COMPUTED_COMMON = ['id', 'provisioning_status', 'operating_status', 'status_message', 'revision', 'in_sync', 'drift_events', 'created_at', 'updated_at'];
const COMPUTED_EXTRA = { pool: ['vip_id', 'member_ids', 'agent_ids'], member: ['status'], vip: ['port_id', 'ha'], health_monitor: ['pool_ids'] } as const;

for (const kind of KINDS) {
  const def = RESOURCES[kind];
  test(`${kind}: required, force-new and computed fields are as designed`, (t) => {
    const attrs = def.attrs as Record<string, { mode: string }>;
    t.deepEqual(Object.keys(attrs).filter((k) => attrs[k]!.mode === 'required').sort(), [...REQUIRED[kind]].sort());
    t.deepEqual(forceNewKeys(def.attrs).sort(), [...FORCE_NEW[kind]].sort());
    t.deepEqual(
      Object.keys(attrs).filter((k) => attrs[k]!.mode === 'computed').sort(),
      [...COMPUTED_COMMON, ...COMPUTED_EXTRA[kind]].sort(),
    );
    t.deepEqual(updatableKeys(def.attrs).sort(), writableKeys(def.attrs).filter((k) => !(FORCE_NEW[kind] as readonly string[]).includes(k)).sort());
  });

  test(`${kind}: every field has a description`, (t) => {
    for (const [k, a] of Object.entries(def.attrs)) t.true(a.description.length > 3, `${kind}.${k}`);
  });

  test(`${kind}: create and update schemas are strict and name every unknown field`, (t) => {
    const r = def.create.safeParse({ zzz: 1, yyy: 2 });
    t.false(r.success);
    const fields = zodIssues(r.error!).map((i) => i.path.join('.'));
    t.true(fields.includes('zzz') && fields.includes('yyy'), JSON.stringify(fields));
    t.false(def.update.safeParse({ zzz: 1 }).success);
  });

  test(`${kind}: a missing required field says "is required"`, (t) => {
    const r = validateCreate(def, {});
    t.false(r.ok);
    if (r.ok) return;
    for (const k of REQUIRED[kind]) {
      t.true(
        r.issues.some((i) => i.path.join('.') === k && i.message === 'is required'),
        `${k}: ${JSON.stringify(r.issues)}`,
      );
    }
  });
}

test('vip.address is optional and computed (allocated when omitted)', (t) => {
  t.is(RESOURCES.vip.attrs.address.mode, 'optional_computed');
});

test('defaults are fresh copies, not shared between objects', (t) => {
  const a = validateCreate(RESOURCES.pool, { name: 'a', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' });
  const b = validateCreate(RESOURCES.pool, { name: 'b', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' });
  if (!a.ok || !b.ok) return t.fail();
  (a.value.health_monitor_ids as string[]).push('x');
  t.deepEqual(b.value.health_monitor_ids, []);
});

test('a present field of the wrong type is not reported as missing', (t) => {
  const r = validateCreate(RESOURCES.pool, { name: 5, protocol: 'UDP', lb_method: 'ROUND_ROBIN', subnet: 'local' });
  if (r.ok) return t.fail();
  t.deepEqual(
    r.issues.map((i) => i.path.join('.')),
    ['name', 'protocol'],
  );
  for (const i of r.issues) t.not(i.message, 'is required', JSON.stringify(i));
});

test('a nested missing field is reported as required', (t) => {
  const r = validateCreate(RESOURCES.vip, {
    name: 'v',
    pool_id: '55555555-5555-4555-8555-555555555555',
    subnet: 'local',
    protocol: 'HTTP',
    protocol_port: 80,
    session_persistence: {},
  });
  if (r.ok) return t.fail();
  t.deepEqual(r.issues, [{ path: ['session_persistence', 'type'], message: 'is required' }]);
});

test('one message per bad member address', (t) => {
  for (const address of ['abc', '10.0.0.256', '0.0.0.0']) {
    const r = validateCreate(RESOURCES.member, { pool_id: '55555555-5555-4555-8555-555555555555', address, protocol_port: 80 });
    if (r.ok) return t.fail();
    t.is(r.issues.length, 1, JSON.stringify(r.issues));
  }
});
