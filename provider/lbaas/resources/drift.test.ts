import test from 'ava';
import type { ValueObject } from '../../framework/index.js';
import { refreshedInSync, unacknowledged } from './drift.js';

const ev = (at: string) => ({ at, kind: 'haproxy_not_running', detail: 'restarted', repaired: true });
const state = (o: ValueObject): ValueObject => ({ id: 'x', in_sync: true, drift_events: [], ...o });

const cases: [string, ValueObject, boolean, { at: string }[], boolean][] = [
  ['in sync, no events', state({}), true, [], true],
  ['the agent says out of sync', state({}), false, [], false],
  ['a repaired drift newer than the state knows', state({}), true, [ev('2026-01-01T00:00:01Z')], false],
  ['events the state already has', state({ drift_events: [ev('2026-01-01T00:00:01Z')] }), true, [ev('2026-01-01T00:00:01Z')], true],
  ['a newer event than the newest known', state({ drift_events: [ev('2026-01-01T00:00:01Z')] }), true, [ev('2026-01-01T00:00:02Z'), ev('2026-01-01T00:00:01Z')], false],
  ['out of sync in state stays until an apply', state({ in_sync: false }), true, [], false],
  ['after import every event counts as known', state({ in_sync: null, drift_events: null }), true, [ev('2026-01-01T00:00:01Z')], true],
];

for (const [title, prior, agentInSync, events, expected] of cases) {
  test(`refresh: ${title}`, (t) => {
    t.is(refreshedInSync(prior, agentInSync, events), expected);
  });
}

test('unacknowledged lists only the new events', (t) => {
  const prior = state({ drift_events: [ev('2026-01-01T00:00:01Z')] });
  t.deepEqual(unacknowledged(prior, [ev('2026-01-01T00:00:03Z'), ev('2026-01-01T00:00:01Z')]), [ev('2026-01-01T00:00:03Z')]);
});
