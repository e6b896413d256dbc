/**
 * What must not change when the agent refuses a request: every stored object
 * (as GET returns it, with its ETag) and the running HAProxy of a pool (master
 * pid, reload count and workers from its master CLI, the config on disk).
 */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { RESOURCES, KINDS } from '../../../schema/resources.js';
import { raw, type Target } from './raw.js';

export interface ProcState {
  masterPid: number;
  reloads: number;
  workers: number[];
}

export interface DataPlane {
  pidFile: number;
  proc: ProcState;
  config: string;
}

/** One command on a unix socket of HAProxy (the master CLI), answer as text. */
export function socketText(sock: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = net.createConnection({ path: sock });
    const timer = setTimeout(() => s.destroy(new Error(`${sock}: no answer`)), 5_000);
    s.on('connect', () => s.end(`${command}\n`));
    s.on('data', (d: Buffer) => chunks.push(d));
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    s.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/** `show proc` of the master CLI: master pid, reload count, current workers. */
export async function showProc(stateDir: string, poolId: string): Promise<ProcState> {
  const text = await socketText(path.join(stateDir, 'pools', poolId, 'master.sock'), 'show proc');
  let section = '';
  const out: ProcState = { masterPid: 0, reloads: -1, workers: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) {
      section = line;
      continue;
    }
    const m = /^(\d+)\s+master\s+(\d+)/.exec(line);
    if (m) {
      out.masterPid = Number(m[1]);
      out.reloads = Number(m[2]);
    }
    const w = /^(\d+)\s+worker/.exec(line);
    if (w && section.startsWith('# workers')) out.workers.push(Number(w[1]));
  }
  return out;
}

export async function dataPlane(stateDir: string, poolId: string): Promise<DataPlane> {
  const dir = path.join(stateDir, 'pools', poolId);
  return {
    pidFile: Number(readFileSync(path.join(dir, 'haproxy.pid'), 'utf8').trim().split('\n')[0]),
    proc: await showProc(stateDir, poolId),
    config: readFileSync(path.join(dir, 'haproxy.cfg'), 'utf8'),
  };
}

export type StoredState = Record<string, { etag: string | undefined; body: unknown }>;

/** Every object of every kind: the list, then a GET of each (body and ETag). */
export async function storedState(t: Target): Promise<StoredState> {
  const out: StoredState = {};
  for (const kind of KINDS) {
    const coll = RESOURCES[kind].collection;
    const list = await raw(t, { method: 'GET', path: `/v1/${coll}` });
    if (list.status !== 200) throw new Error(`GET /v1/${coll}: ${list.status} ${list.text}`);
    const items = (list.json as { items: { id: string }[] }).items;
    for (const o of items) {
      const one = await raw(t, { method: 'GET', path: `/v1/${coll}/${o.id}` });
      if (one.status !== 200) throw new Error(`GET /v1/${coll}/${o.id}: ${one.status}`);
      out[`${kind}/${o.id}`] = { etag: one.headers.etag, body: one.json };
    }
  }
  return out;
}

/** User weight of every server of a pool's running HAProxy, straight from its admin socket. */
export async function liveWeights(stateDir: string, poolId: string): Promise<Map<string, number>> {
  const text = await socketText(path.join(stateDir, 'pools', poolId, 'admin.sock'), `show servers state ${poolId}`);
  const lines = text.split('\n').filter((l) => l.trim() && !/^\d+$/.test(l.trim()));
  const header = lines.find((l) => l.startsWith('#'));
  if (!header) throw new Error(`unexpected answer: ${text}`);
  const cols = header.slice(1).trim().split(/\s+/);
  const name = cols.indexOf('srv_name');
  const weight = cols.indexOf('srv_uweight');
  const out = new Map<string, number>();
  for (const l of lines.filter((x) => !x.startsWith('#'))) {
    const f = l.trim().split(/\s+/);
    out.set(f[name]!, Number(f[weight]));
  }
  return out;
}
