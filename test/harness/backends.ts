/**
 * Real HTTP servers as pool members, on 127.0.0.1 with ephemeral ports. Each
 * answers with its name, counts concurrent requests, and can be told to fail
 * its health path or to answer slowly.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Backend {
  name: string;
  port: number;
  /** When true, every request answers 503. */
  failing: boolean;
  /** Milliseconds to wait before answering. */
  delayMs: number;
  served: number;
  active: number;
  maxActive: number;
  /** When true, requests are parked (counted in `active`) until `release()`. */
  holding: boolean;
  /** Answer every parked request now. */
  release(): void;
  close(): Promise<void>;
}

export async function startBackend(name: string, host = '127.0.0.1'): Promise<Backend> {
  const parked: (() => void)[] = [];
  const b: Backend = {
    name,
    port: 0,
    failing: false,
    delayMs: 0,
    served: 0,
    active: 0,
    maxActive: 0,
    holding: false,
    release: () => {
      for (const f of parked.splice(0)) f();
    },
    close: async () => {},
  };
  const server = http.createServer((req, res) => {
    b.active++;
    b.maxActive = Math.max(b.maxActive, b.active);
    const finish = () => {
      b.active--;
      if (b.failing) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end(`${name} failing\n`);
        return;
      }
      b.served++;
      const headers: Record<string, string> = { 'content-type': 'text/plain', 'x-backend': name };
      // An application session cookie, for APP_COOKIE persistence tests.
      if (req.url?.startsWith('/login')) headers['set-cookie'] = `APPSESSION=${name}-${b.served}; Path=/`;
      res.writeHead(200, headers).end(`${name}\n`);
    };
    if (b.holding) parked.push(finish);
    else if (b.delayMs > 0) setTimeout(finish, b.delayMs);
    else finish();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((r) => server.listen(0, host, r));
  b.port = (server.address() as AddressInfo).port;
  b.close = () =>
    new Promise<void>((r) => {
      parked.splice(0);
      server.closeAllConnections();
      server.close(() => r());
    });
  return b;
}

export async function startBackends(n: number, prefix = 'b'): Promise<Backend[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => startBackend(`${prefix}${i + 1}`)));
}
