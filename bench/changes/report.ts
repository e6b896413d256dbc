/**
 * agent-changes runs → one table per load mode with the three targets side
 * by side (naive `-sf`, plain master-worker, the agent): reloads done,
 * requests, failed requests by both counters, and failed requests per 1000
 * reloads; then the agent's change-to-live latency. Rounds are summed.
 */
import { p50p99, type Row, type Section } from '../report.js';
import type { LoadResult } from '../support/load-tally.js';
import { summarize } from '../support/stats.js';
import { sumWrk, wrkErrorText, type WrkResult } from '../support/wrk.js';
import type { ChangeRecord, RunRecord, TargetName, WrkLoad } from './sequence.js';

export const RUNTIME_P99_GOAL_MS = 50;
export const RELOAD_P99_GOAL_MS = 500;

const LABEL: Record<TargetName, string> = {
  naive: 'naive `haproxy -sf`',
  'master-worker': 'plain master-worker reload',
  agent: 'agent',
};
const ORDER: TargetName[] = ['naive', 'master-worker', 'agent'];

/** "0", or "12 (closed-unanswered 10, ECONNRESET 2, HTTP 503 1)". */
export function failureText(l: { failed: number; closedUnanswered: number; errors: Record<string, number>; timeouts: number; non2xx: Record<string, number> }): string {
  const parts: string[] = [];
  if (l.closedUnanswered) parts.push(`closed-unanswered ${l.closedUnanswered}`);
  for (const [code, n] of Object.entries(l.errors)) parts.push(`${code} ${n}`);
  if (l.timeouts) parts.push(`timeout ${l.timeouts}`);
  for (const [status, n] of Object.entries(l.non2xx)) parts.push(`HTTP ${status} ${n}`);
  return parts.length ? `${l.failed} (${parts.join(', ')})` : String(l.failed);
}

function addCounts(into: Record<string, number>, from: Record<string, number>): Record<string, number> {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
  return into;
}

export interface TargetTotals {
  target: TargetName;
  changes: ChangeRecord[];
  reloads: number;
  wrk: WrkResult;
  /** wrk answers per second, mean over the runs. */
  rate: number;
  node: { sent: number; failed: number; closedUnanswered: number; errors: Record<string, number>; timeouts: number; non2xx: Record<string, number>; unaccounted: number };
  failuresByChange: Record<string, number>;
  /** (wrk failed + node failed) per 1000 reloads; NaN without a reload. */
  failedPer1000Reloads: number;
}

export function totals(runs: RunRecord[], target: TargetName): TargetTotals | undefined {
  const rs = runs.filter((r) => r.target === target);
  if (!rs.length) return undefined;
  const node = { sent: 0, failed: 0, closedUnanswered: 0, errors: {}, timeouts: 0, non2xx: {}, unaccounted: 0 };
  const byChange: Record<string, number> = {};
  for (const r of rs) {
    const l: LoadResult = r.load;
    node.sent += l.sent;
    node.failed += l.failed;
    node.closedUnanswered += l.closedUnanswered;
    node.timeouts += l.timeouts;
    node.unaccounted += l.unaccounted;
    addCounts(node.errors, l.errors);
    addCounts(node.non2xx, l.non2xx);
    addCounts(byChange, r.failuresByChange);
  }
  const reloads = rs.reduce((a, r) => a + r.reloads, 0);
  const wrk = sumWrk(rs.map((r) => r.wrk));
  return {
    target,
    changes: rs.flatMap((r) => r.changes),
    reloads,
    wrk,
    rate: Math.round(rs.reduce((a, r) => a + r.wrk.rps, 0) / rs.length),
    node,
    failuresByChange: byChange,
    failedPer1000Reloads: reloads > 0 ? ((wrk.errors + node.failed) * 1000) / reloads : Number.NaN,
  };
}

function latencies(cs: ChangeRecord[], cls: ChangeRecord['class']) {
  return summarize(cs.filter((c) => c.class === cls && c.live).map((c) => c.latencyMs));
}

function byText(r: Record<string, number>): string {
  const e = Object.entries(r).sort((a, b) => b[1] - a[1]);
  return e.length ? e.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
}

function targetRows(t: TargetTotals): Row[] {
  const l = LABEL[t.target];
  const per1000 = Number.isNaN(t.failedPer1000Reloads) ? 'n/a (no reload)' : t.failedPer1000Reloads.toFixed(1);
  const failed = t.wrk.errors + t.node.failed;
  const goal = t.target === 'agent' ? { goal: '0', met: failed === 0 } : { goal: 'baseline (none)' };
  return [
    { metric: `${l}: changes applied / reloads done`, value: `${t.changes.length} / ${t.reloads}` },
    { metric: `${l}: answers (wrk, rate)`, value: `${t.wrk.requests} (${t.rate}/s)` },
    { metric: `${l}: failed requests, wrk`, value: wrkErrorText(t.wrk), ...(t.target === 'agent' ? { goal: '0', met: t.wrk.errors === 0 } : {}) },
    { metric: `${l}: failed requests, node client`, value: `${failureText(t.node)} of ${t.node.sent}`, ...(t.target === 'agent' ? { goal: '0', met: t.node.failed === 0 } : {}) },
    { metric: `${l}: failed requests per 1000 reloads`, value: per1000, ...goal },
  ];
}

function agentRows(t: TargetTotals): Row[] {
  const runtime = latencies(t.changes, 'runtime');
  const reload = latencies(t.changes, 'reload');
  const unexpected = t.changes.filter((c) => c.class === 'runtime' && c.reloaded === true).length;
  const missing = t.changes.filter((c) => c.class === 'reload' && c.reloaded === false).length;
  return [
    {
      metric: 'agent: change-to-live, runtime API (p50 / p99)',
      value: p50p99(runtime),
      goal: `p99 < ${RUNTIME_P99_GOAL_MS} ms`,
      ...(runtime ? { met: runtime.p99 < RUNTIME_P99_GOAL_MS } : {}),
    },
    { metric: 'agent: change-to-live, reload (p50 / p99)', value: p50p99(reload), goal: `p99 < ${RELOAD_P99_GOAL_MS} ms`, ...(reload ? { met: reload.p99 < RELOAD_P99_GOAL_MS } : {}) },
    { metric: 'agent: runtime-class changes that reloaded', value: String(unexpected), goal: '0', met: unexpected === 0 },
    { metric: 'agent: reload-class changes without a reload', value: String(missing), goal: '0', met: missing === 0 },
  ];
}

export function modeSection(mode: string, runs: RunRecord[], o: { wrk: WrkLoad; nodeLoops: number; windowS: number; rounds: number }): Section {
  const all = ORDER.map((t) => totals(runs, t)).filter((t): t is TargetTotals => t !== undefined);
  const rows = all.flatMap(targetRows);
  const agent = all.find((t) => t.target === 'agent');
  if (agent) rows.push(...agentRows(agent));
  const connPerReq = mode === 'close';
  const notes = [
    `load: ${o.wrk.processes} wrk processes × ${o.wrk.threads} thread × ${o.wrk.connections} connections${connPerReq ? ' with `Connection: close` (a new TCP connection per request)' : ' (keep-alive)'}, plus ${o.nodeLoops} ${connPerReq ? 'node:http request loops (connection per request)' : 'autocannon keep-alive connections'} as a second, independent counter; ${o.rounds} rounds × ${o.windowS} s of changes per target, targets alternating.`,
    'failed = wrk socket errors (connect, read, write, timeout) + non-2xx/3xx answers, plus the node client\'s connection errors, timeouts, non-2xx and requests closed unanswered. Per 1000 reloads = failed × 1000 / reloads the target reported.',
    'naive and master-worker reload for every change (they have no runtime API path); the agent reloads only for structural changes.',
  ];
  for (const t of all) {
    if (t.node.failed) notes.push(`${t.target}: node client failures after (change class:kind) — ${byText(t.failuresByChange)}`);
    if (t.node.unaccounted) notes.push(`${t.target}: ${t.node.unaccounted} node-client requests unaccounted for (accounting residual; should be 0)`);
  }
  const naive = all.find((t) => t.target === 'naive');
  if (naive && naive.wrk.errors + naive.node.failed === 0) notes.push('The naive -sf restart lost nothing in this run either: this run shows no advantage of the agent over it.');
  return { title: `${connPerReq ? 'connection per request' : 'keep-alive'} load: failed requests across reloads`, rows, notes };
}
