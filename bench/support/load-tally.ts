/**
 * Accounting of one load run, shared by both generators: every request sent
 * ends as exactly one of answered (2xx or not), connection error, timeout,
 * closed without an answer, or still in flight when the run stopped. The
 * residual (`unaccounted`) is reported so a broken accounting shows.
 */
import { summarize, type Summary } from './stats.js';

/** Failure events kept with their time, to attribute them to the change that preceded them. */
const MAX_FAILURE_EVENTS = 5_000;
/** Latency samples kept; beyond this the figures come from the first ones. */
const MAX_LATENCY_SAMPLES = 2_000_000;

export type LoadMode = 'keep-alive' | 'close';

export interface LoadSpec {
  mode: LoadMode;
  host: string;
  port: number;
  path: string;
  /** Concurrent connections (keep-alive) or concurrent request loops (close). */
  connections: number;
  /** Hard cap on the run: it stops by itself after this even if never told to. */
  maxDurationS: number;
  /** A request without an answer after this long is a timeout (a failure). */
  timeoutS: number;
}

export interface FailureEvent {
  /** Wall-clock time (ms since the epoch), comparable across the benchmark's processes. */
  t: number;
  what: string;
}

export interface LoadResult {
  mode: LoadMode;
  generator: string;
  durationS: number;
  sent: number;
  answered2xx: number;
  non2xx: Record<string, number>;
  /** Requests that ended in a connection error, by error code. */
  errors: Record<string, number>;
  timeouts: number;
  /** The server closed a keep-alive connection while a request on it was unanswered. */
  closedUnanswered: number;
  /**
   * Requests autocannon wrote on a connection the server had already announced closing
   * (`connection: close` on the previous answer): the load generator's fault, not a failure.
   */
  sentAfterClose: number;
  inflightAtEnd: number;
  /** Connection errors while no request was outstanding: not a failed request. */
  idleConnErrors: number;
  /** sent minus every outcome above: 0 when the accounting holds. */
  unaccounted: number;
  /** non-2xx + errors + timeouts + closedUnanswered. */
  failed: number;
  rps: number;
  latencyMs: Summary | null;
  failures: FailureEvent[];
  failureEventsDropped: number;
}

export class Tally {
  sent = 0;
  answered2xx = 0;
  readonly non2xx: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  timeouts = 0;
  closedUnanswered = 0;
  sentAfterClose = 0;
  inflightAtEnd = 0;
  idleConnErrors = 0;
  private readonly latencies: number[] = [];
  private readonly failures: FailureEvent[] = [];
  private dropped = 0;
  private readonly started = Date.now();

  response(status: number, latencyMs: number): void {
    if (this.latencies.length < MAX_LATENCY_SAMPLES && Number.isFinite(latencyMs)) this.latencies.push(latencyMs);
    if (status >= 200 && status < 300) {
      this.answered2xx++;
      return;
    }
    this.non2xx[status] = (this.non2xx[status] ?? 0) + 1;
    this.event(`status:${status}`);
  }

  error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
    this.event(`error:${code}`);
  }

  timeout(): void {
    this.timeouts++;
    this.event('timeout');
  }

  closed(n: number): void {
    this.closedUnanswered += n;
    for (let i = 0; i < n; i++) this.event('closed-unanswered');
  }

  private event(what: string): void {
    if (this.failures.length < MAX_FAILURE_EVENTS) this.failures.push({ t: Date.now(), what });
    else this.dropped++;
  }

  result(mode: LoadMode, generator: string): LoadResult {
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    const non2xx = sum(this.non2xx);
    const errors = sum(this.errors);
    const durationS = (Date.now() - this.started) / 1000;
    const answered = this.answered2xx + non2xx;
    return {
      mode,
      generator,
      durationS: Math.round(durationS * 100) / 100,
      sent: this.sent,
      answered2xx: this.answered2xx,
      non2xx: this.non2xx,
      errors: this.errors,
      timeouts: this.timeouts,
      closedUnanswered: this.closedUnanswered,
      sentAfterClose: this.sentAfterClose,
      inflightAtEnd: this.inflightAtEnd,
      idleConnErrors: this.idleConnErrors,
      unaccounted: this.sent - answered - errors - this.timeouts - this.closedUnanswered - this.sentAfterClose - this.inflightAtEnd,
      failed: non2xx + errors + this.timeouts + this.closedUnanswered,
      rps: Math.round(answered / Math.max(durationS, 0.001)),
      latencyMs: summarize(this.latencies),
      failures: this.failures,
      failureEventsDropped: this.dropped,
    };
  }
}
