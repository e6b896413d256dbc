/**
 * wrk (Debian's `wrk` package) run inside a namespace: `ip netns exec <ns>
 * wrk …`, argv only, bounded by its own duration plus a grace. Parses
 * requests/s, latency percentiles and errors from its text report.
 */
import { run } from '../agent/exec/run.js';

export interface WrkResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Socket errors (connect, read, write, timeout) plus non-2xx/3xx answers. */
  errors: number;
}

export interface WrkOptions {
  ns: string;
  url: string;
  durationS: number;
  threads: number;
  connections: number;
  /** 'close': a new TCP connection per request (Connection: close). */
  mode: 'keep-alive' | 'close';
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
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
    p50Ms: pct('50'),
    p99Ms: pct('99'),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    errors: non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0),
  };
}

export async function wrk(o: WrkOptions): Promise<WrkResult> {
  const args = [
    'netns', 'exec', o.ns, 'wrk',
    `-t${o.threads}`, `-c${o.connections}`, `-d${o.durationS}s`, '--latency', '--timeout', '2s',
    ...(o.mode === 'close' ? ['-H', 'Connection: close'] : []),
    o.url,
  ];
  const r = await run('ip', args, { timeoutMs: (o.durationS + 15) * 1000 });
  return parseWrk(r.stdout);
}

export async function haveWrk(): Promise<boolean> {
  const r = await run('wrk', ['--version'], { reject: false, timeoutMs: 5_000 }).catch(() => undefined);
  return r !== undefined && /wrk/.test(r.stdout + r.stderr);
}
