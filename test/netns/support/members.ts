/**
 * Pool members for the netns tests: a real HTTP server inside a host
 * namespace that answers every request with its name (body and `x-backend`
 * header), keeps connections alive, and whose health path `/healthz` answers
 * 503 while a flag file exists — so a test can make a member fail its HTTP
 * monitor and recover without stopping it. Stopped in the test's teardown.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import type { ExecutionContext } from 'ava';
import { pidAlive } from '../../harness/ovs.js';

/** How long a server may take to print "ready". */
const READY_MS = 15_000;
/** After SIGTERM, how long before SIGKILL. */
const STOP_MS = 3_000;

/** Pids of member servers this process started, for the leftover check. */
export const memberPids = new Set<number>();

// Runs inside the namespace; arguments arrive in process.argv, never in the code.
const MEMBER_JS = `
const [, host, port, name, flag] = process.argv;
const fs = require('fs');
const s = require('http').createServer((req, res) => {
  req.resume();
  if (req.url === '/healthz' && fs.existsSync(flag)) {
    res.writeHead(503, { 'content-type': 'text/plain', 'x-backend': name });
    res.end('failing');
    return;
  }
  res.writeHead(200, { 'content-type': 'text/plain', 'x-backend': name });
  res.end(name);
});
s.keepAliveTimeout = 60000;
s.listen(Number(port), host, () => process.stdout.write('ready\\n'));
process.on('SIGTERM', () => { s.closeAllConnections(); s.close(() => process.exit(0)); });
`;

export interface Member {
  name: string;
  address: string;
  port: number;
  /** Make `/healthz` answer 503 (true) or 200 (false). */
  setFailing(failing: boolean): void;
  stop(): Promise<void>;
}

export async function startMember(
  t: ExecutionContext,
  o: { ns: string; address: string; port: number; name: string },
): Promise<Member> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lbt-member-'));
  const flag = path.join(dir, 'failing');
  const child: ResultPromise = execa('ip', ['netns', 'exec', o.ns, process.execPath, '-e', MEMBER_JS, o.address, String(o.port), o.name, flag], {
    reject: false,
    stdin: 'ignore',
    forceKillAfterDelay: STOP_MS,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start member ${o.name} in ${o.ns}`);
  memberPids.add(pid);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await child;
    rmSync(dir, { recursive: true, force: true });
  };
  t.teardown(stop);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`member ${o.name} in ${o.ns} not ready after ${READY_MS} ms`)), READY_MS);
    child.stdout?.on('data', (b: Buffer) => {
      if (b.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void child.then((r) => {
      clearTimeout(timer);
      reject(new Error(`member ${o.name} in ${o.ns} exited early: ${String(r.stderr)}`));
    });
  });
  return {
    name: o.name,
    address: o.address,
    port: o.port,
    setFailing: (failing) => (failing ? writeFileSync(flag, '') : rmSync(flag, { force: true })),
    stop,
  };
}

export function liveMemberPids(): number[] {
  return [...memberPids].filter(pidAlive);
}
