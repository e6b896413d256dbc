/**
 * diff, called on the providers directly: replaces come from the schema's
 * force-new metadata. Cases use the schema's names; the provider gets and
 * answers camelCase, as the engine does.
 */
import test from 'ava';
import { forceNewKeys, updatableKeys } from '../../schema/attr.js';
import { camelName, toCamel } from '../../schema/case.js';
import { KINDS, RESOURCES, type Kind } from '../../schema/resources.js';
import { PROVIDERS } from './index.js';
import { UNKNOWN } from './values.js';

const A = '6f1c1a52-3c1f-4d3e-9a55-0b1e2f3a4b5c';
const B = '0a6e2d0c-1f7b-4b5e-8f43-2c9d9d1b7e11';
const CONN = { endpoint: 'http://127.0.0.1:9696', token: 't' };

/** Checked inputs of a valid object of each kind, and the outputs the agent would have returned for it. */
const SPEC: Record<Kind, Record<string, unknown>> = {
  pool: { name: 'web', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', description: '', admin_state_up: true, health_monitor_ids: [A, B], agent_id: null, topology: 'SINGLE' },
  member: { pool_id: A, address: '10.0.0.5', protocol_port: 8080, weight: 1, admin_state_up: true, backup: false },
  vip: {
    name: 'web', description: '', pool_id: A, subnet: 'local', address: '10.0.0.9', protocol_port: 80, protocol: 'HTTP',
    connection_limit: -1, session_persistence: null, admin_state_up: true,
  },
  health_monitor: { type: 'HTTP', delay: 5, timeout: 3, max_retries: 3, http_method: 'GET', url_path: '/', expected_codes: '200', admin_state_up: true },
};
const OTHER: Record<string, unknown> = {
  name: 'other', description: 'd', protocol: 'TCP', lb_method: 'SOURCE_IP', subnet: 'other', admin_state_up: false,
  health_monitor_ids: [A], pool_id: B, address: '10.0.0.6', protocol_port: 9090, weight: 7, backup: true,
  connection_limit: 10, session_persistence: { type: 'SOURCE_IP' }, type: 'TCP', delay: 9, timeout: 2, max_retries: 5,
  http_method: 'HEAD', url_path: '/health', expected_codes: '200-204', agent_id: 'net-2', topology: 'ACTIVE_STANDBY',
};
/** The provider's diff over camelCase properties, its answer read back in the schema's names. */
async function diffOf(kind: Kind, olds: Record<string, unknown>, news: Record<string, unknown>) {
  const r = await PROVIDERS[kind].diff('id', toCamel(olds), toCamel(news));
  const snake = (k: string) => {
    if (camelName(k) !== k) throw new Error(`snake_case name ${k} in a diff answer`);
    return k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  };
  return { ...r, replaces: (r.replaces ?? []).map(snake), stables: (r.stables ?? []).map(snake) };
}

const outs = (kind: Kind) => ({ ...SPEC[kind], ...CONN, revision: 3, in_sync: true, provisioning_status: 'ACTIVE' });

for (const kind of KINDS) {
  const diff = (news: Record<string, unknown>) => diffOf(kind, outs(kind), { ...SPEC[kind], ...CONN, ...news });

  test(`${kind}: no change, no diff`, async (t) => {
    t.like(await diff({}), { changes: false, replaces: [], deleteBeforeReplace: false });
  });

  for (const k of forceNewKeys(RESOURCES[kind].attrs)) {
    test(`${kind}: changing ${k} replaces (force-new in the schema)`, async (t) => {
      const r = await diff({ [k]: OTHER[k] });
      t.true(r.changes);
      t.deepEqual(r.replaces, [k]);
    });
  }

  for (const k of updatableKeys(RESOURCES[kind].attrs)) {
    test(`${kind}: changing ${k} is an update in place`, async (t) => {
      const r = await diff({ [k]: OTHER[k] });
      t.true(r.changes);
      t.deepEqual(r.replaces, []);
      t.deepEqual([...(r.stables ?? [])].sort(), forceNewKeys(RESOURCES[kind].attrs).sort());
    });
  }
}

test('member: a weight change is an update, a port change a replace', async (t) => {
  t.like(await diffOf('member', outs('member'), { ...SPEC.member, weight: 3 }), { changes: true, replaces: [] });
  t.like(await diffOf('member', outs('member'), { ...SPEC.member, protocol_port: 8081 }), { changes: true, replaces: ['protocol_port'], deleteBeforeReplace: false });
});

test('pool: health_monitor_ids is a set (order does not matter)', async (t) => {
  t.false((await diffOf('pool', outs('pool'), { ...SPEC.pool, health_monitor_ids: [B, A] })).changes);
});

test('vip: a replacement keeping address and port deletes first; a new port or an allocated address does not', async (t) => {
  t.like(await diffOf('vip', outs('vip'), { ...SPEC.vip, protocol: 'TCP' }), { replaces: ['protocol'], deleteBeforeReplace: true });
  t.like(await diffOf('vip', outs('vip'), { ...SPEC.vip, protocol: 'TCP', protocol_port: 81 }), { deleteBeforeReplace: false });
  t.like(await diffOf('vip', outs('vip'), { ...SPEC.vip, protocol: 'TCP', address: null }), { replaces: ['protocol'], deleteBeforeReplace: false });
});

test('vip: an address the agent allocated (not given) is not a change', async (t) => {
  t.like(await diffOf('vip', outs('vip'), { ...SPEC.vip, address: null }), { changes: false, replaces: [] });
});

test('unknown values (preview) count as changes: a force-new one as a replacement', async (t) => {
  t.like(await diffOf('member', outs('member'), { ...SPEC.member, pool_id: UNKNOWN }), { changes: true, replaces: ['pool_id'] });
  t.like(await diffOf('pool', outs('pool'), { ...SPEC.pool, health_monitor_ids: [A, UNKNOWN] }), { changes: true, replaces: [] });
});

test('a new token or endpoint is an update without replacement; out of sync is an update (repair)', async (t) => {
  t.like(await diffOf('pool', outs('pool'), { ...SPEC.pool, ...CONN, token: 'rotated' }), { changes: true, replaces: [] });
  t.like(await diffOf('pool', { ...outs('pool'), in_sync: false }, { ...SPEC.pool, ...CONN }), { changes: true, replaces: [] });
});
