import test from 'ava';
import { isUnknown, Unknown, type ValueObject } from '../../framework/index.js';
import { planResourceChange } from '../../framework/server/plan.js';
import { FrameworkServer } from '../../framework/server/server.js';
import { provider } from '../provider.js';
import { idempotencyKeyOf } from './state.js';

const server = new FrameworkServer(provider);

function nulls(typeName: string): ValueObject {
  return Object.fromEntries(Object.keys(server.resources.get(typeName)!.type.attributes).map((k) => [k, null]));
}

const plan = (typeName: string, prior: ValueObject | null, config: ValueObject) =>
  planResourceChange(server, { typeName, prior, proposed: prior ? { ...prior, ...Object.fromEntries(Object.entries(config).filter(([, v]) => v !== null)) } : config, config, priorPrivate: undefined });

const POOL = '00000000-0000-4000-8000-000000000001';

test('create: defaults planned, computed values unknown, an idempotency key in private', async (t) => {
  const config = { ...nulls('lbaas_member'), pool_id: POOL, address: '127.0.0.1', protocol_port: 80 };
  const r = await plan('lbaas_member', null, config);
  t.deepEqual(r.diagnostics.items, []);
  t.like(r.planned, { weight: 1, admin_state_up: true, backup: false });
  t.true(isUnknown(r.planned!.id) && isUnknown(r.planned!.in_sync) && isUnknown(r.planned!.revision));
  t.regex(idempotencyKeyOf(r.plannedPrivate) ?? '', /^[0-9a-f-]{36}$/);
});

test('create: HTTP monitor fields get their contextual defaults, TCP ones stay null', async (t) => {
  const http = await plan('lbaas_health_monitor', null, { ...nulls('lbaas_health_monitor'), type: 'HTTP', delay: 2, timeout: 1, max_retries: 1, url_path: '/h' });
  t.like(http.planned, { http_method: 'GET', url_path: '/h', expected_codes: '200' });
  const tcp = await plan('lbaas_health_monitor', null, { ...nulls('lbaas_health_monitor'), type: 'TCP', delay: 2, timeout: 1, max_retries: 1 });
  t.like(tcp.planned, { http_method: null, url_path: null, expected_codes: null });
  const unknown = await plan('lbaas_health_monitor', null, { ...nulls('lbaas_health_monitor'), type: Unknown, delay: 2, timeout: 1, max_retries: 1 });
  t.true(isUnknown(unknown.planned!.http_method));
});

function memberState(o: ValueObject = {}): ValueObject {
  return {
    ...nulls('lbaas_member'),
    id: 'm1',
    pool_id: POOL,
    address: '127.0.0.1',
    protocol_port: 80,
    weight: 1,
    admin_state_up: true,
    backup: false,
    status: 'ACTIVE',
    provisioning_status: 'ACTIVE',
    operating_status: 'ONLINE',
    revision: 3,
    in_sync: true,
    drift_events: [],
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...o,
  };
}
const memberConfig = (o: ValueObject = {}) => ({ ...nulls('lbaas_member'), pool_id: POOL, address: '127.0.0.1', protocol_port: 80, ...o });

test('no change: the plan equals the state', async (t) => {
  const prior = memberState();
  const r = await plan('lbaas_member', prior, memberConfig());
  t.deepEqual(r.planned, prior);
  t.deepEqual(r.requiresReplace, []);
});

test('a weight change is in place: volatile values unknown, stable ones kept, in_sync planned true', async (t) => {
  const r = await plan('lbaas_member', memberState(), memberConfig({ weight: 5 }));
  t.deepEqual(r.requiresReplace, []);
  t.like(r.planned, { weight: 5, id: 'm1', created_at: '2026-01-01T00:00:00Z', in_sync: true });
  t.true(isUnknown(r.planned!.revision) && isUnknown(r.planned!.operating_status) && isUnknown(r.planned!.drift_events));
});

test('a port change replaces the member', async (t) => {
  const r = await plan('lbaas_member', memberState(), memberConfig({ protocol_port: 81 }));
  t.deepEqual(r.requiresReplace, [['protocol_port']]);
});

test('a state marked out of sync plans the repair in place: in_sync false -> true', async (t) => {
  const r = await plan('lbaas_member', memberState({ in_sync: false }), memberConfig());
  t.deepEqual(r.requiresReplace, []);
  t.is(r.planned!.in_sync, true);
  t.true(isUnknown(r.planned!.revision));
});
