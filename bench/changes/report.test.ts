import test from 'ava';
import type { LoadResult } from '../support/load-tally.js';
import { parseWrk } from '../support/wrk.js';
import { changeClass, initialState, planChanges } from './plan.js';
import { modeSection, totals } from './report.js';
import type { RunRecord } from './sequence.js';

const WRK = (errors: string) => parseWrk(`  1000 requests in 10.00s, 1.00MB read\n${errors}Requests/sec:    100.00\n     99%    5.00ms\n`);

function load(failed: number): LoadResult {
  return {
    mode: 'close', generator: 'node:http', durationS: 10, sent: 500, answered2xx: 500 - failed, non2xx: {}, errors: failed ? { ECONNRESET: failed } : {},
    timeouts: 0, closedUnanswered: 0, sentAfterClose: 0, inflightAtEnd: 0, idleConnErrors: 0, unaccounted: 0, failed, rps: 50, latencyMs: null, failures: [], failureEventsDropped: 0,
  };
}

function run(target: RunRecord['target'], round: number, reloads: number, wrkErrors: string, nodeFailed: number): RunRecord {
  return { target, mode: 'close', round, changes: [], reloads, wrk: WRK(wrkErrors), load: load(nodeFailed), failuresByChange: {} };
}

test('failures of both counters over all rounds, per 1000 reloads the target reported', (t) => {
  const runs = [run('naive', 1, 30, '  Socket errors: connect 0, read 7, write 1, timeout 0\n', 2), run('naive', 2, 20, '', 0)];
  const n = totals(runs, 'naive')!;
  t.is(n.reloads, 50);
  t.is(n.wrk.errors, 8);
  t.is(n.node.failed, 2);
  t.is(n.failedPer1000Reloads, 200);
});

test('the agent row is held to 0 failed; a naive run that loses nothing is said so', (t) => {
  const runs = [run('naive', 1, 10, '', 0), run('agent', 1, 5, '  Non-2xx or 3xx responses: 1\n', 0)];
  const s = modeSection('close', runs, { wrk: { processes: 3, threads: 1, connections: 16 }, nodeLoops: 4, windowS: 30, rounds: 1 });
  const agent = s.rows.find((r) => r.metric === 'agent: failed requests per 1000 reloads')!;
  t.is(agent.value, '200.0');
  t.is(agent.met, false);
  t.true(s.notes!.some((n) => n.includes('naive -sf restart lost nothing')));
});

test('a target without any reload has no per-1000 figure instead of 0', (t) => {
  t.true(Number.isNaN(totals([run('agent', 1, 0, '', 0)], 'agent')!.failedPer1000Reloads));
});

test('a plan without runtime share is structural only, and the same for the same seed', (t) => {
  const a = planChanges(initialState(4), 200, 10, 7, 0);
  t.true(a.every((c) => changeClass(c) === 'reload'));
  t.deepEqual(planChanges(initialState(4), 200, 10, 7, 0), a);
});
