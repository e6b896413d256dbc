/**
 * HTTP clients that run inside a client namespace (`ip netns exec <ns> node
 * -e …`): a batch of sequential requests with an optional cookie jar, and a
 * bounded request loop that runs in the background and reports every
 * failure. Each request uses a fresh connection, so balancing and
 * persistence are decided per request. Arguments reach the scripts through
 * argv only.
 */
import { execa, type ResultPromise } from 'execa';
import type { ExecutionContext } from 'ava';
import { run } from '../../../agent/exec/run.js';
import { memberPids } from './members.js';

/** One request's outcome: the backend's name, `status:<code>` for another answer, `error:<code>` for a failure. */
export type Outcome = string;

export interface BatchResult {
  outcomes: Outcome[];
  /** Set-Cookie headers of the first answer that had one. */
  setCookie: string[];
}

// Shared by both scripts: one GET on a fresh connection, resolved with its outcome.
const GET_JS = `
const http = require('http');
function get(url, o) {
  return new Promise((resolve) => {
    const headers = { connection: 'close' };
    if (o.cookie) headers.cookie = o.cookie;
    const req = http.get(url, { agent: false, headers, timeout: o.timeoutMs, ...(o.localAddress ? { localAddress: o.localAddress } : {}) }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ outcome: res.statusCode === 200 ? (res.headers['x-backend'] || body) : 'status:' + res.statusCode, setCookie: res.headers['set-cookie'] || [] }));
      res.on('error', (e) => resolve({ outcome: 'error:' + (e.code || e.message), setCookie: [] }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (e) => resolve({ outcome: 'error:' + (e.code || e.message), setCookie: [] }));
  });
}
`;

const BATCH_JS = `${GET_JS}
const [, url, n, jar, timeoutMs, localAddress] = process.argv;
(async () => {
  const outcomes = [];
  let setCookie = [];
  let cookie;
  for (let i = 0; i < Number(n); i++) {
    const r = await get(url, { cookie, timeoutMs: Number(timeoutMs), localAddress: localAddress || undefined });
    outcomes.push(r.outcome);
    if (r.setCookie.length && setCookie.length === 0) {
      setCookie = r.setCookie;
      if (jar === 'follow') cookie = r.setCookie.map((c) => c.split(';')[0]).join('; ');
    }
  }
  process.stdout.write(JSON.stringify({ outcomes, setCookie }));
})();
`;

export interface BatchOptions {
  /** Requests, one after another. */
  n: number;
  /** 'follow': send back the first Set-Cookie on every later request (a browser's jar). */
  cookies?: 'follow' | 'ignore';
  timeoutMs?: number;
  /** Source address (must be configured in the namespace). */
  localAddress?: string;
}

export async function requestBatch(ns: string, url: string, o: BatchOptions): Promise<BatchResult> {
  const timeoutMs = o.timeoutMs ?? 3_000;
  const r = await run(
    'ip',
    ['netns', 'exec', ns, process.execPath, '-e', BATCH_JS, url, String(o.n), o.cookies ?? 'ignore', String(timeoutMs), o.localAddress ?? ''],
    { timeoutMs: o.n * (timeoutMs + 500) + 10_000 },
  );
  return JSON.parse(r.stdout) as BatchResult;
}

/** Outcomes counted by value. */
export function tally(outcomes: Outcome[]): Map<Outcome, number> {
  const m = new Map<Outcome, number>();
  for (const o of outcomes) m.set(o, (m.get(o) ?? 0) + 1);
  return m;
}

export function isFailure(o: Outcome): boolean {
  return o.startsWith('error:') || o.startsWith('status:');
}

/**
 * Requests one after another until SIGTERM or `maxMs`; prints a summary: how
 * many, every failure and every recovery (first success after a failure) with
 * its wall-clock time (ms since the epoch, comparable with the test's
 * Date.now()), and the longest gap between two successive successes.
 */
const LOOP_JS = `${GET_JS}
const [, url, maxMs, timeoutMs] = process.argv;
let stop = false;
process.on('SIGTERM', () => (stop = true));
(async () => {
  const t0 = Date.now();
  const deadline = t0 + Number(maxMs);
  let total = 0, ok = 0, lastOk = t0, maxGapMs = 0, failing = false;
  const failures = [], recoveries = [];
  const backends = {};
  while (!stop && Date.now() < deadline) {
    const r = await get(url, { timeoutMs: Number(timeoutMs) });
    total++;
    const now = Date.now();
    if (r.outcome.startsWith('error:') || r.outcome.startsWith('status:')) { failures.push({ at: now, outcome: r.outcome }); failing = true; }
    else {
      ok++;
      backends[r.outcome] = (backends[r.outcome] || 0) + 1;
      maxGapMs = Math.max(maxGapMs, now - lastOk);
      lastOk = now;
      if (failing) recoveries.push({ at: now });
      failing = false;
    }
  }
  process.stdout.write(JSON.stringify({ startedAt: t0, total, ok, failures, recoveries, backends, maxGapMs, durationMs: Date.now() - t0 }));
  process.exit(0);
})();
`;

export interface LoopResult {
  startedAt: number;
  total: number;
  ok: number;
  /** `at`: ms since the epoch. */
  failures: { at: number; outcome: Outcome }[];
  recoveries: { at: number }[];
  backends: Record<string, number>;
  maxGapMs: number;
  durationMs: number;
}

export interface RequestLoop {
  /** Stop now and get the summary. */
  stop(): Promise<LoopResult>;
}

/** A request loop in `ns` against `url`, bounded by `maxMs` even if never stopped. */
export function startRequestLoop(t: ExecutionContext, ns: string, url: string, o: { maxMs: number; timeoutMs?: number }): RequestLoop {
  // `ip netns exec` execs node, so the pid is node's own and SIGTERM reaches the loop.
  const child: ResultPromise = execa('ip', ['netns', 'exec', ns, process.execPath, '-e', LOOP_JS, url, String(o.maxMs), String(o.timeoutMs ?? 2_000)], {
    reject: false,
    stdin: 'ignore',
    forceKillAfterDelay: 3_000,
  });
  if (child.pid !== undefined) memberPids.add(child.pid); // checked as a leftover like the servers
  t.teardown(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await child;
  });
  return {
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const r = await child;
      if (typeof r.stdout !== 'string' || !r.stdout) throw new Error(`request loop in ${ns} gave no summary: ${String(r.stderr)}`);
      return JSON.parse(r.stdout) as LoopResult;
    },
  };
}
