import test from 'ava';
import type { OperatingStatus } from '../../schema/common.js';
import { checkPending, memberOperatingStatus, poolOperatingStatus, type StatRow } from './stats.js';

const row = (status: string, check_status: string, weight = 1): StatRow =>
  ({ pxname: 'p', svname: 's', type: 2, status, weight, check_status }) as StatRow;

const cases: [string, StatRow, OperatingStatus][] = [
  ['no monitor', row('no check', ''), 'NO_MONITOR'],
  ['first check not run yet', row('UP 1/3', 'INI'), 'OFFLINE'],
  ['first check running', row('UP 1/3', '* INI'), 'OFFLINE'],
  ['checked and up', row('UP', 'L7OK'), 'ONLINE'],
  ['going down, still up', row('UP 1/3', 'L7STS'), 'ONLINE'],
  ['down', row('DOWN', 'L4CON'), 'ERROR'],
  ['maintenance', row('MAINT', 'INI'), 'OFFLINE'],
  ['drain', row('DRAIN', 'L7OK'), 'DRAINING'],
  ['weight 0', row('UP', 'L7OK', 0), 'DRAINING'],
];
for (const [what, r, want] of cases) {
  test(`member status: ${what} → ${want}`, (t) => {
    t.is(memberOperatingStatus(r), want);
  });
}

test('pending is recognised only from check_status INI', (t) => {
  t.true(checkPending(row('UP 1/3', '* INI')));
  t.false(checkPending(row('UP', 'L7OK')));
  t.false(checkPending(row('no check', '')));
});

test('pool status from members', (t) => {
  t.is(poolOperatingStatus([], true), 'ONLINE');
  t.is(poolOperatingStatus(['ONLINE', 'ERROR'], true), 'DEGRADED');
  t.is(poolOperatingStatus(['ERROR'], true), 'ERROR');
  t.is(poolOperatingStatus(['ONLINE'], false), 'OFFLINE');
});
