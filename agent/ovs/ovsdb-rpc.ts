/**
 * Reading OVSDB directly over its JSON-RPC unix socket (RFC 7047 `transact`
 * with `select` operations), without starting ovs-vsctl: the audit reads
 * every port of every bridge once per pass, and one process per read costs
 * far more than the read. Writes still go through ovs-vsctl (vsctl.ts), which
 * also waits for ovs-vswitchd to apply them.
 */
import net from 'node:net';
import { OvsError } from './errors.js';
import { decodeValue, type OvsValue } from './ovsdb-json.js';
import type { OvsTarget } from './vsctl.js';

/** ovs-vsctl's built-in default (`--db` unset). */
export const DEFAULT_DB_SOCKET = '/var/run/openvswitch/db.sock';
/** A local ovsdb-server answers a select of a few thousand rows in milliseconds. */
const RPC_TIMEOUT_MS = 5_000;

export interface SelectQuery {
  table: string;
  columns: readonly string[];
  /** RFC 7047 conditions, e.g. [['name', '==', 'tap1']]; none = every row. */
  where?: readonly (readonly [string, string, string | number])[];
}

type Row = Record<string, OvsValue>;

/** One transaction of `select`s (the given columns of the rows matching each query); rows decoded per query. */
export function selectAll(target: OvsTarget, queries: readonly SelectQuery[]): Promise<Row[][]> {
  const path = target.db ?? DEFAULT_DB_SOCKET;
  const request = JSON.stringify({
    method: 'transact',
    params: ['Open_vSwitch', ...queries.map((q) => ({ op: 'select', table: q.table, where: (q.where ?? []).map((c) => [...c]), columns: [...q.columns] }))],
    id: 1,
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    let done = false;
    const sock = net.createConnection({ path });
    const finish = (err: Error | undefined, rows?: Row[][]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      if (err) reject(err);
      else resolve(rows!);
    };
    const timer = setTimeout(() => finish(new OvsError('OVS_UNREACHABLE', `${path}: no OVSDB answer within ${RPC_TIMEOUT_MS} ms`)), RPC_TIMEOUT_MS);
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.write(request));
    sock.on('error', (e) => finish(new OvsError('OVS_UNREACHABLE', `${path}: ${e.message}`, { cause: e })));
    sock.on('close', () => finish(new OvsError('OVS_UNREACHABLE', `${path}: closed before answering`)));
    sock.on('data', (chunk: string) => {
      buf += chunk;
      // The server sends one JSON object per message; it may also send an "echo" request first.
      for (;;) {
        const end = jsonEnd(buf);
        if (end < 0) return;
        const text = buf.slice(0, end);
        buf = buf.slice(end);
        let msg: { id?: unknown; method?: unknown; result?: unknown; error?: unknown; params?: unknown };
        try {
          msg = JSON.parse(text) as typeof msg;
        } catch (cause) {
          finish(new OvsError('OVS_BAD_OUTPUT', `OVSDB sent something that is not JSON: ${text.slice(0, 200)}`, { cause }));
          return;
        }
        if (msg.method === 'echo') {
          sock.write(JSON.stringify({ id: msg.id, result: msg.params, error: null }));
          continue;
        }
        if (msg.id !== 1) continue;
        finish(...decodeResult(msg.result, msg.error, queries.length));
        return;
      }
    });
  });
}

function decodeResult(result: unknown, error: unknown, n: number): [Error | undefined, Row[][]?] {
  if (error) return [new OvsError('OVS_COMMAND_FAILED', `OVSDB transact failed: ${JSON.stringify(error)}`)];
  if (!Array.isArray(result) || result.length < n) return [new OvsError('OVS_BAD_OUTPUT', `OVSDB transact answered ${JSON.stringify(result)?.slice(0, 200)}`)];
  try {
    return [
      undefined,
      result.slice(0, n).map((op: { rows?: unknown; error?: unknown }) => {
        if (op.error || !Array.isArray(op.rows)) throw new OvsError('OVS_COMMAND_FAILED', `OVSDB select failed: ${JSON.stringify(op)}`);
        return (op.rows as Record<string, unknown>[]).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, decodeValue(v)])));
      }),
    ];
  } catch (e) {
    return [e as Error];
  }
}

/** Index just past the first complete top-level JSON object in `s`, or -1 when it is not complete yet. */
export function jsonEnd(s: string): number {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') {
      depth++;
      started = true;
    } else if (c === '}' || c === ']') {
      depth--;
      if (started && depth === 0) return i + 1;
    }
  }
  return -1;
}
