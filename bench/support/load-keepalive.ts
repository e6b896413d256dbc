/**
 * Keep-alive load with autocannon, plus the accounting autocannon lacks. Its
 * client (autocannon 8, lib/httpClient.js) reconnects silently when the
 * server closes a connection (`end`), dropping the request that was
 * outstanding on it without counting it anywhere — exactly the loss a
 * non-seamless reload causes. So each client is watched from `setupClient`:
 * its own request/response/error/timeout events, plus an `end` listener on
 * each of its sockets (the one internal it relies on: `client.conn`, the
 * current socket, and `client.destroyed`). Tally's residual shows if those
 * internals ever change meaning.
 */
import autocannon from 'autocannon';
import type { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { Tally, type LoadResult, type LoadSpec } from './load-tally.js';

interface ClientInternals {
  conn?: Socket;
  destroyed?: boolean;
}

interface ParsedHeaders {
  shouldKeepAlive?: boolean;
}

export interface RunningLoad {
  stop(): void;
  result: Promise<LoadResult>;
}

export function runKeepAlive(spec: LoadSpec): RunningLoad {
  const tally = new Tally();
  const setupClient = (client: autocannon.Client): void => {
    const c = client as unknown as ClientInternals;
    /** Send times of this client's outstanding requests, oldest first (autocannon's own durations go wrong after a lost request). */
    const pending: number[] = [];
    // The typings know only some of the events a client emits (request, connError, timeout, done are real too).
    const events = client as unknown as EventEmitter;
    const watched = new WeakSet<Socket>();
    /** Sockets whose last answer said `connection: close`. */
    const closing = new WeakSet<Socket>();
    events.on('request', () => {
      tally.sent++;
      pending.push(performance.now());
      const conn = c.conn;
      if (!conn || watched.has(conn)) return;
      watched.add(conn);
      // Prepended: autocannon's own `end` handler reconnects and sends the next request at once.
      conn.prependListener('end', () => {
        if (c.destroyed || conn !== c.conn || pending.length === 0) return;
        if (closing.has(conn)) tally.sentAfterClose += pending.length;
        else tally.closed(pending.length);
        pending.length = 0;
      });
    });
    events.on('headers', (h: ParsedHeaders) => {
      if (h.shouldKeepAlive === false && c.conn) closing.add(c.conn);
    });
    events.on('response', (status: number) => {
      const sentAt = pending.shift();
      tally.response(status, sentAt === undefined ? Number.NaN : performance.now() - sentAt);
    });
    events.on('connError', (err: NodeJS.ErrnoException) => {
      if (pending.length === 0) {
        tally.idleConnErrors++;
        return;
      }
      pending.shift();
      tally.error(err.code ?? err.message);
    });
    // autocannon reconnects (and sends the next request) before it emits `timeout`: the oldest is the one that timed out.
    events.on('timeout', () => {
      pending.shift();
      tally.timeout();
    });
    events.on('done', () => {
      tally.inflightAtEnd += pending.length;
      pending.length = 0;
    });
  };
  let instance: autocannon.Instance | undefined;
  const result = new Promise<LoadResult>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://${spec.host}:${spec.port}${spec.path}`,
        connections: spec.connections,
        duration: spec.maxDurationS,
        timeout: spec.timeoutS,
        setupClient,
      },
      (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(tally.result('keep-alive', 'autocannon'))),
    );
  });
  return { stop: () => instance?.stop(), result };
}
