/**
 * Connection-per-request load: each of `connections` loops opens a new TCP
 * connection, sends one request with `connection: close`, reads the answer,
 * and starts over. autocannon cannot do this (checked with autocannon 8):
 * with `reconnectRate: 1` it never emits a response (it resets the
 * connection before counting it), and with a `connection: close` header it
 * writes the next request on the closing socket and loses track of half of
 * what it sends. Node's own http client gets every outcome right.
 */
import http from 'node:http';
import { Tally, type LoadResult, type LoadSpec } from './load-tally.js';
import type { RunningLoad } from './load-keepalive.js';

function oneRequest(spec: LoadSpec, tally: Tally): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      resolve();
    };
    tally.sent++;
    const t0 = performance.now();
    const req = http.request(
      { host: spec.host, port: spec.port, path: spec.path, agent: false, headers: { connection: 'close' }, timeout: spec.timeoutS * 1000 },
      (res) => {
        res.resume();
        res.on('end', () => settle(() => tally.response(res.statusCode ?? 0, performance.now() - t0)));
        res.on('error', (err: NodeJS.ErrnoException) => settle(() => tally.error(err.code ?? 'RESPONSE_ERROR')));
      },
    );
    req.on('timeout', () => {
      settle(() => tally.timeout());
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) => settle(() => tally.error(err.code ?? err.message)));
    req.end();
  });
}

export function runClose(spec: LoadSpec): RunningLoad {
  const tally = new Tally();
  const deadline = Date.now() + spec.maxDurationS * 1000;
  let running = true;
  const loop = async () => {
    while (running && Date.now() < deadline) await oneRequest(spec, tally);
  };
  const result = Promise.all(Array.from({ length: spec.connections }, loop)).then(() => tally.result('close', 'node:http, agent: false'));
  return {
    stop: () => {
      running = false;
    },
    result,
  };
}
