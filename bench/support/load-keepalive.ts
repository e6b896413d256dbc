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
  const setupClient = (client: autocannon.Client) => {
    const c = client as unknown as ClientInternals;
    let outstanding = 0;
    const watched = new WeakSet<Socket>();
    /** Sockets whose last answer said `connection: close`. */
    const closing = new WeakSet<Socket>();
    client.on('request', () => {
      tally.sent++;
      outstanding++;
      const conn = c.conn;
      if (!conn || watched.has(conn)) return;
      watched.add(conn);
      // Prepended: autocannon's own `end` handler reconnects and sends the next request at once.
      conn.prependListener('end', () => {
        if (c.destroyed || conn !== c.conn || outstanding === 0) return;
        if (closing.has(conn)) tally.sentAfterClose += outstanding;
        else tally.closed(outstanding);
        outstanding = 0;
      });
    });
    client.on('headers', (h: ParsedHeaders) => {
      if (h.shouldKeepAlive === false && c.conn) closing.add(c.conn);
    });
    client.on('response', (status: number, _bytes: number, ms: number) => {
      outstanding = Math.max(0, outstanding - 1);
      tally.response(status, ms);
    });
    client.on('connError', (err: NodeJS.ErrnoException) => {
      if (outstanding === 0) {
        tally.idleConnErrors++;
        return;
      }
      outstanding--;
      tally.error(err.code ?? err.message);
    });
    // autocannon reconnects (and sends the next request) before it emits `timeout`.
    client.on('timeout', () => {
      outstanding = Math.max(0, outstanding - 1);
      tally.timeout();
    });
    client.on('done', () => {
      tally.inflightAtEnd += outstanding;
      outstanding = 0;
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
