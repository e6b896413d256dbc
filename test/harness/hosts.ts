/**
 * Test "hosts": network namespaces attached to a test bridge by a veth pair
 * (TX offload off on both ends: the userspace datapath needs it for TCP), an
 * optional VLAN tag, an address; plus real HTTP servers inside namespaces and
 * an HTTP client that runs inside a namespace. Every piece registers its own
 * removal with `t.teardown`, so a failing test still leaves nothing behind.
 * Test traffic never leaves the namespaces the tests create.
 *
 *   const br = await ovs.bridge(t);
 *   const member = await createHost(t, { bridge: br, cidr: '10.77.0.11/24', label: 'm1' });
 *   await startHttpServer(t, { ns: member.ns, address: '10.77.0.11', port: 8080, name: 'm1' });
 *   const client = await createHost(t, { bridge: br, cidr: '10.77.0.100/24', label: 'c' });
 *   const r = await httpGet(client.ns, 'http://10.77.0.11:8080/');   // { ok: true, status: 200, body: 'm1' }
 *
 * Commands are argv arrays (agent/exec/run.ts, or execa for the long-running
 * servers); no shell is involved anywhere, and names are generated here.
 */
import { randomBytes } from 'node:crypto';
import { execa, type ResultPromise } from 'execa';
import type { ExecutionContext } from 'ava';
import { run } from '../../agent/exec/run.js';
import { TEST_PID_KEY, pidAlive, type TestBridge } from './ovs.js';

/** Prefix of every namespace this harness creates (leftover checks look for it). */
export const HOST_NS_PREFIX = 'lbth-';
/** How long a server may take to print "ready" (node starts in well under a second). */
const SERVER_READY_MS = 10_000;
/** After SIGTERM, how long before SIGKILL. */
const SERVER_STOP_MS = 3_000;

export interface HostSpec {
  bridge: TestBridge;
  /** Address with prefix, e.g. 10.77.0.11/24. */
  cidr: string;
  vlan?: number;
  gateway?: string;
  /** Short [a-z0-9] label, part of the namespace name for readability. */
  label?: string;
}

export interface TestHost {
  ns: string;
  /** Device inside the namespace. */
  dev: string;
  /** Host-side veth end, an OVS port of the bridge. */
  port: string;
  address: string;
  remove(): Promise<void>;
}

const created = { namespaces: new Set<string>(), links: new Set<string>(), pids: new Set<number>() };

/** Also report `ns` by hostLeftovers if it still exists (e.g. a pool namespace a driver made). */
export function watchNamespace(ns: string): void {
  created.namespaces.add(ns);
}

function ip(args: string[], ns?: string) {
  return run('ip', [...(ns ? ['-n', ns] : []), ...args]);
}

/**
 * Agent id for drivers under test. The pid in it (and in host namespace
 * names) lets a later test process remove what a killed one left behind.
 */
export function testAgentId(): string {
  return `lbaas-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

let swept: Promise<void> | undefined;

/**
 * Once per process: delete host namespaces (`lbth-<pid>-…`) and pool
 * namespaces marked by a test agent (`lbaas-owner=lbaas-test-<pid>-…`) whose
 * test process is gone (killed before its teardowns ran).
 */
export function sweepDeadTestNamespaces(): Promise<void> {
  swept ??= (async () => {
    const names = (JSON.parse((await run('ip', ['-j', 'netns', 'list'])).stdout || '[]') as { name: string }[]).map((n) => n.name);
    for (const ns of names) {
      let pid: number | undefined;
      const host = new RegExp(`^${HOST_NS_PREFIX}(\\d+)-`).exec(ns);
      if (host) pid = Number(host[1]);
      else if (ns.startsWith('qlbaas-')) {
        const lo = await run('ip', ['-n', ns, '-j', 'link', 'show', 'dev', 'lo'], { reject: false });
        const alias = lo.exitCode === 0 ? ((JSON.parse(lo.stdout) as { ifalias?: string }[])[0]?.ifalias ?? '') : '';
        const m = /^lbaas-owner=lbaas-test-(\d+)-/.exec(alias);
        if (m) pid = Number(m[1]);
      }
      if (pid !== undefined && pid !== process.pid && !pidAlive(pid)) await run('ip', ['netns', 'delete', ns], { reject: false });
    }
  })();
  return swept;
}

export async function createHost(t: ExecutionContext, spec: HostSpec): Promise<TestHost> {
  await sweepDeadTestNamespaces();
  const label = (spec.label ?? 'h').replace(/[^a-z0-9]/g, '').slice(0, 16);
  const ns = `${HOST_NS_PREFIX}${process.pid}-${randomBytes(3).toString('hex')}-${label}`;
  const port = `lbv${randomBytes(4).toString('hex')}`; // 11 chars
  const dev = 'eth0';
  const address = spec.cidr.split('/')[0]!;
  const { bridge } = spec;
  const remove = async () => {
    await bridge.ovs.vsctl(['--if-exists', 'del-port', port]).catch(() => undefined);
    await run('ip', ['netns', 'delete', ns], { reject: false });
    await run('ip', ['link', 'delete', 'dev', port], { reject: false }); // normally gone with its peer
    created.namespaces.delete(ns);
    created.links.delete(port);
  };
  // Registered before anything exists, so a failure half-way is cleaned up too.
  t.teardown(remove);
  created.namespaces.add(ns);
  created.links.add(port);

  await ip(['netns', 'add', ns]);
  await ip(['link', 'set', 'dev', 'lo', 'up'], ns);
  await ip(['link', 'add', port, 'type', 'veth', 'peer', 'name', dev, 'netns', ns]);
  for (const [d, n] of [[port, undefined], [dev, ns]] as const) {
    await run('ethtool', ['-K', d, 'tx', 'off'], { netns: n, reject: false });
  }
  await ip(['link', 'set', 'dev', port, 'up']);
  await ip(['addr', 'add', spec.cidr, 'dev', dev], ns);
  await ip(['link', 'set', 'dev', dev, 'up'], ns);
  if (spec.gateway) await ip(['route', 'add', 'default', 'via', spec.gateway, 'dev', dev], ns);
  await bridge.ovs.vsctl([
    'add-port', bridge.name, port, ...(spec.vlan !== undefined ? [`tag=${spec.vlan}`] : []),
    '--', 'set', 'Interface', port, `external_ids:${TEST_PID_KEY}=${process.pid}`,
  ]);
  return { ns, dev, port, address, remove };
}

export interface HttpServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

// Runs inside the namespace. Arguments arrive in process.argv, never in the code.
const SERVER_JS = `
const [, host, port, name] = process.argv;
const s = require('http').createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
  res.end(name);
});
s.listen(Number(port), host, () => process.stdout.write('ready\\n'));
process.on('SIGTERM', () => s.close(() => process.exit(0)));
`;

/** A real HTTP server in `ns` on address:port that answers every request with `name`. */
export async function startHttpServer(
  t: ExecutionContext,
  opts: { ns: string; address: string; port: number; name: string },
): Promise<HttpServer> {
  const child: ResultPromise = execa('ip', ['netns', 'exec', opts.ns, process.execPath, '-e', SERVER_JS, opts.address, String(opts.port), opts.name], {
    reject: false,
    stdin: 'ignore',
    forceKillAfterDelay: SERVER_STOP_MS,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start the HTTP server in ${opts.ns}`);
  created.pids.add(pid);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await child;
    created.pids.delete(pid);
  };
  t.teardown(stop);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`HTTP server in ${opts.ns} not ready after ${SERVER_READY_MS} ms`)), SERVER_READY_MS);
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void child.then((r) => {
      clearTimeout(timer);
      reject(new Error(`HTTP server in ${opts.ns} exited early: ${String(r.stderr)}`));
    });
  });
  return { url: `http://${opts.address}:${opts.port}/`, pid, stop };
}

export type HttpResult = { ok: true; status: number; body: string } | { ok: false; error: string };

const CLIENT_JS = `
const [, url, timeout] = process.argv;
const done = (o) => { process.stdout.write(JSON.stringify(o)); process.exit(0); };
const req = require('http').get(url, { agent: false, timeout: Number(timeout) }, (res) => {
  let body = '';
  res.setEncoding('utf8');
  res.on('data', (c) => (body += c));
  res.on('end', () => done({ ok: true, status: res.statusCode, body }));
});
req.on('timeout', () => { req.destroy(new Error('timeout')); });
req.on('error', (e) => done({ ok: false, error: e.code || e.message }));
`;

/** One HTTP GET from inside namespace `ns`; never throws for network errors (they are the result). */
export async function httpGet(ns: string, url: string, opts: { timeoutMs?: number } = {}): Promise<HttpResult> {
  const timeoutMs = opts.timeoutMs ?? 3_000;
  const r = await run('ip', ['netns', 'exec', ns, process.execPath, '-e', CLIENT_JS, url, String(timeoutMs)], {
    timeoutMs: timeoutMs + 5_000,
  });
  return JSON.parse(r.stdout) as HttpResult;
}

/** GET until it succeeds or the deadline passes (ARP and the bridge's MAC learning take a moment). */
export async function httpGetEventually(ns: string, url: string, opts: { deadlineMs?: number; timeoutMs?: number } = {}): Promise<HttpResult> {
  const end = Date.now() + (opts.deadlineMs ?? 5_000);
  let last: HttpResult;
  do {
    last = await httpGet(ns, url, { timeoutMs: opts.timeoutMs ?? 1_000 });
    if (last.ok) return last;
  } while (Date.now() < end);
  return last;
}

/** What this process created through the harness and that still exists. */
export async function hostLeftovers(): Promise<string[]> {
  const out: string[] = [];
  const nsList = (JSON.parse((await run('ip', ['-j', 'netns', 'list'])).stdout || '[]') as { name: string }[]).map((n) => n.name);
  for (const ns of created.namespaces) if (nsList.includes(ns)) out.push(`namespace ${ns}`);
  for (const l of created.links) {
    if ((await run('ip', ['link', 'show', 'dev', l], { reject: false })).exitCode === 0) out.push(`link ${l}`);
  }
  for (const pid of created.pids) if (pidAlive(pid)) out.push(`process ${pid}`);
  return out;
}
