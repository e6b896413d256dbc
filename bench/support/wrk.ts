/**
 * wrk (Debian's `wrk` package, tool group 'wrk') as the load generator:
 * argv only (through agent/exec/run.ts), optionally inside a namespace
 * (`ip netns exec <ns> wrk …`), bounded by its own duration plus a grace.
 * Several wrk processes can run side by side against one target (one
 * event loop per thread, so many new connections per second on few cores).
 *
 * What counts as a failed request, from wrk's own report: every socket
 * error (connect: refused/reset before the connection was up; read: reset
 * or closed before a whole answer; write; timeout: no answer within
 * --timeout) and every "Non-2xx or 3xx" answer. wrk prints a "Socket errors"
 * line only when one of them is non-zero, so its absence means 0.
 */
import { run } from '../../agent/exec/run.js';

export interface WrkErrors {
  connect: number;
  read: number;
  write: number;
  timeout: number;
  /** Answers with a status >= 400 (wrk's "Non-2xx or 3xx responses"). */
  status: number;
}

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Complete answers wrk read (any status). */
  requests: number;
  durationS: number;
  errorsBy: WrkErrors;
  /** Sum of errorsBy: the failed requests. */
  errors: number;
}

export interface WrkOptions {
  /** Run inside this namespace; on the host (loopback) when absent. */
  ns?: string;
  url: string;
  durationS: number;
  threads: number;
  connections: number;
  /** 'close': a new TCP connection per request (`Connection: close`, wrk reconnects after each answer). */
  mode: 'keep-alive' | 'close';
  /** A request unanswered this long is a timeout error. */
  timeoutS?: number;
}

/** "1.23ms" / "456.00us" / "1.02s" → ms. */
export function parseDuration(v: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(v.trim());
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  return m[2] === 'us' ? n / 1000 : m[2] === 'ms' ? n : m[2] === 's' ? n * 1000 : n * 60_000;
}

export function parseWrk(out: string): WrkResult {
  const pct = (p: string) => parseDuration(new RegExp(`^\\s*${p}%\\s+(\\S+)`, 'm').exec(out)?.[1] ?? '');
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const summary = /(\d+) requests in ([\d.]+)(us|ms|s|m)/.exec(out);
  if (!summary) throw new Error(`wrk printed no summary: ${out.trim().split('\n').slice(-3).join(' | ')}`);
  const errorsBy: WrkErrors = {
    connect: Number(socket?.[1] ?? 0),
    read: Number(socket?.[2] ?? 0),
    write: Number(socket?.[3] ?? 0),
    timeout: Number(socket?.[4] ?? 0),
    status: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
  };
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    p50Ms: pct('50'),
    p99Ms: pct('99'),
    requests: Number(summary[1]),
    durationS: parseDuration(`${summary[2]}${summary[3]}`) / 1000,
    errorsBy,
    errors: Object.values(errorsBy).reduce((a, b) => a + b, 0),
  };
}

export function wrkArgs(o: WrkOptions): string[] {
  return [
    `-t${o.threads}`, `-c${o.connections}`, `-d${o.durationS}s`, '--latency', '--timeout', `${o.timeoutS ?? 2}s`,
    ...(o.mode === 'close' ? ['-H', 'Connection: close'] : []),
    o.url,
  ];
}

export async function wrk(o: WrkOptions): Promise<WrkResult> {
  const r = await run('wrk', wrkArgs(o), { netns: o.ns, timeoutMs: (o.durationS + (o.timeoutS ?? 2) + 15) * 1000 });
  return parseWrk(r.stdout);
}

/** Sum of several wrk processes' results run side by side (latency: the worst process's percentiles). */
export function sumWrk(rs: WrkResult[]): WrkResult {
  const errorsBy: WrkErrors = { connect: 0, read: 0, write: 0, timeout: 0, status: 0 };
  for (const r of rs) for (const k of Object.keys(errorsBy) as (keyof WrkErrors)[]) errorsBy[k] += r.errorsBy[k];
  return {
    rps: rs.reduce((a, r) => a + r.rps, 0),
    p50Ms: Math.max(...rs.map((r) => r.p50Ms)),
    p99Ms: Math.max(...rs.map((r) => r.p99Ms)),
    requests: rs.reduce((a, r) => a + r.requests, 0),
    durationS: Math.max(...rs.map((r) => r.durationS)),
    errorsBy,
    errors: Object.values(errorsBy).reduce((a, b) => a + b, 0),
  };
}

/** `processes` wrk processes at once against one URL, each with `o`'s threads and connections. */
export async function wrkParallel(processes: number, o: WrkOptions): Promise<{ total: WrkResult; each: WrkResult[] }> {
  const each = await Promise.all(Array.from({ length: processes }, () => wrk(o)));
  return { total: sumWrk(each), each };
}

/** "0" or "12 (read 10, connect 2)". */
export function wrkErrorText(r: WrkResult): string {
  const parts = Object.entries(r.errorsBy).filter(([, n]) => n > 0).map(([k, n]) => `${k === 'status' ? 'non-2xx/3xx' : k} ${n}`);
  return parts.length ? `${r.errors} (${parts.join(', ')})` : '0';
}
