import test from 'ava';
import { KIND_CONTEXTS } from './kinds.js';
import { conflictingChanges } from './update.js';

const pool = KIND_CONTEXTS.pool;
const base = { name: 'p', description: '', lb_method: 'ROUND_ROBIN', admin_state_up: true, health_monitor_ids: ['m1'] };

test('a concurrent change to an attribute the update also sets to its planned value is no conflict', (t) => {
  t.deepEqual(conflictingChanges(pool, base, { ...base, name: 'q' }, { ...base, name: 'q' }), []);
});

test('a concurrent change the update would overwrite is a conflict, named', (t) => {
  t.deepEqual(conflictingChanges(pool, base, { ...base, lb_method: 'SOURCE_IP' }, { ...base, name: 'renamed' }), ['lb_method']);
});

test('a monitor detached by its replacement (dropped from the set, and from the plan) is no conflict', (t) => {
  t.deepEqual(conflictingChanges(pool, base, { ...base, health_monitor_ids: [] }, { ...base, health_monitor_ids: ['m2'] }), []);
  t.deepEqual(conflictingChanges(pool, { ...base, health_monitor_ids: ['m1', 'm3'] }, { ...base, health_monitor_ids: ['m3'] }, { ...base, health_monitor_ids: ['m3', 'm2'] }), []);
});

test('a monitor attached outside Terraform is a conflict', (t) => {
  t.deepEqual(conflictingChanges(pool, base, { ...base, health_monitor_ids: ['m1', 'mx'] }, { ...base, health_monitor_ids: ['m2'] }), ['health_monitor_ids']);
});
