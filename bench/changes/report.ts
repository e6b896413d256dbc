/** agent-changes runs → table rows (per load mode: ours beside the naive restart) and the JSON data. */
import { p50p99, type BenchReport, type Row, type Section } from '../report.js';
import type { LoadResult } from '../support/load-tally.js';
import { summarize } from '../support/stats.js';
import type { ChangeRecord, RunRecord } from './sequence.js';

const RUNTIME_P99_GOAL_MS = 50;
const RELOAD_P99_GOAL_MS = 500;

/** "0", or "12 (closed-unanswered 10, ECONNRESET 2, HTTP 503 1)". */
export function failureText(l: LoadResult): string {
  const parts: string[] = [];
  if (l.closedUnanswered) parts.push(`closed-unanswered ${l.closedUnanswered}`);
  for (const [code, n] of Object.entries(l.errors)) parts.push(`${code} ${n}`);
  if (l.timeouts) parts.push(`timeout ${l.timeouts}`);
  for (const [status, n] of Object.entries(l.non2xx)) parts.push(`HTTP ${status} ${n}`);
  return parts.length ? `${l.failed} (${parts.join(', ')})` : String(l.failed);
}

function latencies(cs: ChangeRecord[], cls: ChangeRecord['class']) {
  return summarize(cs.filter((c) => c.class === cls && c.live).map((c) => c.latencyMs));
}

function byText(r: Record<string, number>): string {
  const e = Object.entries(r).sort((a, b) => b[1] - a[1]);
  return e.length ? e.map(([k, n]) => `${k} ${n}`).join(', ') : 'none';
}

function section(mode: string, ours: RunRecord, naive: RunRecord | undefined): Section {
  const runtime = latencies(ours.changes, 'runtime');
  const reload = latencies(ours.changes, 'reload');
  const notLive = ours.changes.filter((c) => !c.live).length;
  const unexpectedReloads = ours.changes.filter((c) => c.class === 'runtime' && c.reloaded === true).length;
  const missingReloads = ours.changes.filter((c) => c.class === 'reload' && c.reloaded === false).length;
  const rows: Row[] = [
    { metric: 'agent: failed client requests', value: failureText(ours.load), goal: '0', met: ours.load.failed === 0 },
    { metric: 'agent: requests sent (rate)', value: `${ours.load.sent} (${ours.load.rps}/s)` },
    { metric: 'agent: changes applied under load', value: `${ours.changes.length} of ${ours.changes.length + ours.catchUp}` },
    {
      metric: 'agent: change-to-live, runtime API (p50 / p99)',
      value: p50p99(runtime),
      goal: `p99 < ${RUNTIME_P99_GOAL_MS} ms`,
      ...(runtime ? { met: runtime.p99 < RUNTIME_P99_GOAL_MS } : {}),
    },
    {
      metric: 'agent: change-to-live, reload (p50 / p99)',
      value: p50p99(reload),
      goal: `p99 < ${RELOAD_P99_GOAL_MS} ms`,
      ...(reload ? { met: reload.p99 < RELOAD_P99_GOAL_MS } : {}),
    },
    { metric: 'agent: changes not live when answered', value: String(notLive), goal: '0', met: notLive === 0 },
    { metric: 'agent: runtime-class changes that reloaded', value: String(unexpectedReloads), goal: '0', met: unexpectedReloads === 0 },
    { metric: 'agent: reload-class changes without a reload', value: String(missingReloads) },
    { metric: 'agent: client latency through the VIP (p50 / p99)', value: p50p99(ours.load.latencyMs) },
  ];
  if (naive) {
    rows.push(
      { metric: 'naive -sf: failed client requests', value: failureText(naive.load), goal: 'v1 baseline' },
      { metric: 'naive -sf: requests sent (rate)', value: `${naive.load.sent} (${naive.load.rps}/s)` },
      { metric: 'naive -sf: restart time (p50 / p99)', value: p50p99(summarize(naive.changes.map((c) => c.latencyMs))) },
      { metric: 'naive -sf: restarts that replaced the process', value: `${naive.changes.filter((c) => c.reloaded).length} of ${naive.changes.length}` },
      { metric: 'naive -sf: client latency through the VIP (p50 / p99)', value: p50p99(naive.load.latencyMs) },
    );
  }
  const notes = [
    `load: ${ours.load.generator}, ${ours.connections} ${mode === 'close' ? 'concurrent request loops, a new connection per request' : 'keep-alive connections'}; failed = non-2xx + connection errors + timeouts + requests the server closed the connection on without answering.`,
    `agent failures after (change class:kind) — ${byText(ours.failuresByChange)}`,
  ];
  if (naive) notes.push(`naive failures after (change class:kind) — ${byText(naive.failuresByChange)}`);
  for (const r of [ours, naive]) {
    if (!r) continue;
    if (r.load.unaccounted !== 0) notes.push(`${r.target}: ${r.load.unaccounted} requests unaccounted for (accounting residual; should be 0)`);
    if (r.load.sentAfterClose) notes.push(`${r.target}: ${r.load.sentAfterClose} requests autocannon wrote on a connection the server had answered with "connection: close" (client fault, not counted as failed)`);
    if (r.load.idleConnErrors) notes.push(`${r.target}: ${r.load.idleConnErrors} connection errors with no request outstanding (not counted as failed)`);
    for (const c of r.changes.filter((c) => !c.live).slice(0, 3)) notes.push(`${r.target}: change ${c.index} (${c.kind}) not live: ${c.error}`);
  }
  return { title: `${mode === 'close' ? 'connection per request' : 'keep-alive'} load`, rows, notes };
}

export function changesReport(
  runs: RunRecord[],
  meta: { startedAt: Date; environment: Record<string, string | number>; reference: number[] },
): BenchReport {
  const modes = [...new Set(runs.map((r) => r.mode))];
  const env = meta.environment;
  const sections = modes.flatMap((mode) => {
    const ours = runs.find((r) => r.mode === mode && r.target === 'agent');
    const naive = runs.find((r) => r.mode === mode && r.target === 'naive');
    return ours ? [section(mode, ours, naive)] : [];
  });
  const reference = summarize(meta.reference);
  sections.unshift({
    title: 'host',
    rows: [
      { metric: '`haproxy -c` of the pool\'s config, before the runs (p50 / p99)', value: p50p99(reference) },
      { metric: 'load average (1 min), before / after', value: `${Number(env.loadavg1mBefore).toFixed(1)} / ${Number(env.loadavg1mAfter).toFixed(1)} on ${env.cpus} CPUs` },
    ],
    notes: [
      'An agent reload parses the config twice (`haproxy -c`, then the master re-executes): the first row is the cost of one parse here.',
      'Latencies include waiting for a CPU; a load average above the CPU count means other work was competing for them.',
    ],
  });
  return {
    name: 'agent-changes',
    startedAt: meta.startedAt.toISOString(),
    durationS: Math.round((Date.now() - meta.startedAt.getTime()) / 100) / 10,
    environment: meta.environment,
    sections,
    data: {
      goals: { failedRequests: 0, runtimeP99Ms: RUNTIME_P99_GOAL_MS, reloadP99Ms: RELOAD_P99_GOAL_MS },
      referenceCheckMs: meta.reference,
      runs: runs.map((r) => ({
        ...r,
        summary: {
          runtime: latencies(r.changes, 'runtime'),
          reload: latencies(r.changes, 'reload'),
          all: summarize(r.changes.map((c) => c.latencyMs)),
        },
      })),
    },
  };
}
