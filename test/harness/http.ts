/** Requests through a VIP: a fresh connection each (so balancing is per request), optional source address and cookies. */
import http from 'node:http';

export interface Answer {
  status: number;
  body: string;
  backend: string | undefined;
  setCookie: string[];
}

export interface RequestOptions {
  path?: string;
  localAddress?: string;
  cookie?: string;
  timeoutMs?: number;
}

export function request(host: string, port: number, o: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host,
        port,
        path: o.path ?? '/',
        agent: false,
        headers: { connection: 'close', ...(o.cookie ? { cookie: o.cookie } : {}) },
        ...(o.localAddress ? { localAddress: o.localAddress } : {}),
        timeout: o.timeoutMs ?? 5_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            backend: res.headers['x-backend'] as string | undefined,
            setCookie: (res.headers['set-cookie'] as string[] | undefined) ?? [],
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Count answers per backend over n sequential requests. */
export async function distribution(host: string, port: number, n: number, o: RequestOptions = {}): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const a = await request(host, port, o);
    const k = a.status === 200 ? (a.backend ?? '?') : `status:${a.status}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

/** Poll `fn` until it returns a truthy value or the deadline passes. */
export async function eventually<T>(fn: () => Promise<T | undefined | false>, timeoutMs: number, stepMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/** What one request got: the backend's name, `status:<code>` for another answer, or `error:<code>` (e.g. `error:ECONNREFUSED`). */
export async function outcome(host: string, port: number, o: RequestOptions = {}): Promise<string> {
  try {
    const a = await request(host, port, o);
    return a.status === 200 ? (a.backend ?? '?') : `status:${a.status}`;
  } catch (err) {
    return `error:${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

function tally(counts: Map<string, number>, k: string): void {
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

/** Count outcomes (see `outcome`) of `total` requests sent by `concurrency` clients in parallel. */
export async function concurrentDistribution(
  host: string,
  port: number,
  total: number,
  concurrency: number,
  o: RequestOptions = {},
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let sent = 0;
  const client = async () => {
    while (sent < total) {
      sent++;
      tally(counts, await outcome(host, port, o));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return counts;
}

export interface Load {
  /** Outcomes so far. */
  readonly counts: Map<string, number>;
  /** Stop sending; resolves with the outcomes once the last request finished. */
  stop(): Promise<Map<string, number>>;
}

/** Steady traffic through a VIP from `concurrency` clients until stopped: for "no failed request across a change". */
export function startLoad(host: string, port: number, concurrency = 2, o: RequestOptions = {}): Load {
  const counts = new Map<string, number>();
  let running = true;
  const client = async () => {
    while (running) tally(counts, await outcome(host, port, o));
  };
  const done = Promise.all(Array.from({ length: concurrency }, client));
  return {
    counts,
    async stop() {
      running = false;
      await done;
      return counts;
    },
  };
}

/** Outcomes other than a backend's name (non-200 answers and connection errors). */
export function failures(counts: Map<string, number>): Map<string, number> {
  return new Map([...counts].filter(([k]) => k.startsWith('status:') || k.startsWith('error:')));
}
