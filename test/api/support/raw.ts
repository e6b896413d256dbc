/**
 * Raw HTTP against the agent with full control over method, headers and body
 * bytes (the client library would refuse to send most bad requests), and the
 * problem+json checks every error answer must pass.
 */
import http from 'node:http';
import net from 'node:net';
import type { ExecutionContext } from 'ava';

export interface RawRequest {
  method: string;
  path: string;
  /** Object → JSON with content-type application/json; string/Buffer → sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no Authorization header (default: the agent's bearer token). */
  noAuth?: boolean;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: unknown;
}

export interface Target {
  endpoint: string;
  token: string;
}

export function raw(t: Target, r: RawRequest): Promise<RawResponse> {
  const url = new URL(r.path, t.endpoint);
  const headers: Record<string, string> = { connection: 'close', ...(r.noAuth ? {} : { authorization: `Bearer ${t.token}` }) };
  let payload: Buffer | undefined;
  if (typeof r.body === 'string' || Buffer.isBuffer(r.body)) payload = Buffer.from(r.body);
  else if (r.body !== undefined) {
    payload = Buffer.from(JSON.stringify(r.body));
    headers['content-type'] = 'application/json';
  }
  Object.assign(headers, r.headers ?? {});
  if (payload && headers['content-length'] === undefined) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    let answered: (() => void) | undefined;
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: r.method, headers, agent: false, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        answered = () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        };
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', answered);
        // The server may answer early (401, 413) and close while we still send the body.
        res.on('close', answered);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${r.method} ${r.path} timed out`)));
    // A write error (EPIPE, ECONNRESET) after the answer arrived does not lose the answer.
    req.on('error', (e) => (answered ? answered() : reject(e)));
    req.end(payload);
  });
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: (string | number)[]; field: string; message: string }[];
  referrers?: { kind: string; id: string }[];
}

/**
 * The answer is a problem+json with this status whose `errors[].field` names
 * `field` (or, when there is no per-field list, whose detail mentions it).
 */
export function assertProblem(t: ExecutionContext, res: RawResponse, status: number, field: string | undefined): ProblemBody {
  const ctx = `${res.status} ${res.text.slice(0, 500)}`;
  t.is(res.status, status, ctx);
  t.regex(String(res.headers['content-type']), /^application\/problem\+json/, ctx);
  const p = res.json as ProblemBody;
  t.truthy(p && typeof p === 'object', ctx);
  if (!p) return p;
  t.is(p.status, res.status, ctx);
  t.is(typeof p.code, 'string', ctx);
  t.is(p.type, `urn:lbaas:error:${p.code}`, ctx);
  t.is(typeof p.title, 'string', ctx);
  t.is(typeof p.detail, 'string', ctx);
  if (field !== undefined) {
    const fields = (p.errors ?? []).map((e) => e.field);
    const named = fields.includes(field) || (fields.length === 0 && p.detail.includes(field));
    t.true(named, `expected field ${JSON.stringify(field)} in ${ctx}`);
  }
  return p;
}

/** Bytes straight onto a TCP connection (requests no HTTP client would send); the answer parsed loosely. */
export function rawWire(t: Target, bytes: string): Promise<RawResponse> {
  const url = new URL(t.endpoint);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = net.createConnection({ host: url.hostname, port: Number(url.port) });
    const timer = setTimeout(() => s.destroy(new Error('no answer')), 30_000);
    s.on('connect', () => s.write(bytes));
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', (e) => {
      clearTimeout(timer);
      if (chunks.length === 0) reject(e);
    });
    s.on('close', () => {
      clearTimeout(timer);
      const all = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = all.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: http.IncomingHttpHeaders = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      const text = rest.join('\r\n\r\n');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, text, json });
    });
  });
}
