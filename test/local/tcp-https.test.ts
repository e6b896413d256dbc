/**
 * TCP pools (mode tcp) and HTTPS pools (TLS passed through to the members,
 * which HAProxy checks with real TLS health checks).
 */
import anyTest from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startAgent } from '../harness/agent.js';
import { createLb } from '../harness/fixtures.js';
import { distribution, eventually } from '../harness/http.js';
import { operatingStatus, setupLb, waitOperating } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

const exec = promisify(execFile);

test('TCP pool with a TCP monitor: members ONLINE, round robin at the connection level', async (t) => {
  const { agent, lb } = await setupLb(t, 3, { protocol: 'TCP', monitor: { type: 'TCP', delay: 1, timeout: 1, max_retries: 2 } });
  for (const id of lb.memberIds) await waitOperating(agent, 'member', id, 'ONLINE');
  t.deepEqual(Object.fromEntries(await distribution(lb.address, lb.port, 30)), { b1: 10, b2: 10, b3: 10 });
});

interface TlsBackend {
  name: string;
  port: number;
  checks: number;
  close(): Promise<void>;
}

async function tlsBackend(name: string, key: Buffer, cert: Buffer): Promise<TlsBackend> {
  const b: TlsBackend = { name, port: 0, checks: 0, close: async () => {} };
  const server = https.createServer({ key, cert }, (req, res) => {
    if (req.url === '/health') b.checks++;
    res.writeHead(200, { 'x-backend': name }).end(`${name}\n`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  b.port = (server.address() as AddressInfo).port;
  b.close = () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r())));
  return b;
}

function tlsGet(host: string, port: number): Promise<{ backend: string; subject: string }> {
  return new Promise((resolve, reject) => {
    const req = https.get({ host, port, path: '/', agent: false, rejectUnauthorized: false, timeout: 5_000 }, (res) => {
      const subject = res.socket && 'getPeerCertificate' in res.socket ? (res.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN : '';
      res.resume();
      res.on('end', () => resolve({ backend: String(res.headers['x-backend']), subject: String(subject) }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

test('HTTPS pool: TLS passes through to the members, HTTPS monitor checks them over TLS', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lbt-tls-'));
  const agent = await startAgent();
  const backends: TlsBackend[] = [];
  t.teardown(async () => {
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
    rmSync(dir, { recursive: true, force: true });
  });
  const [key, cert] = [path.join(dir, 'key.pem'), path.join(dir, 'cert.pem')];
  await exec('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=lbaas-member']);
  for (const n of ['t1', 't2']) backends.push(await tlsBackend(n, readFileSync(key), readFileSync(cert)));
  const lb = await createLb(agent.client, backends as never, {
    protocol: 'HTTPS',
    monitor: { type: 'HTTPS', delay: 1, timeout: 1, max_retries: 2, url_path: '/health' },
  });
  for (const id of lb.memberIds) await waitOperating(agent, 'member', id, 'ONLINE');
  // HAProxy reports a server UP before its first check; wait for the checks themselves.
  await eventually(async () => backends.every((b) => b.checks >= 2), 20_000);
  for (const id of lb.memberIds) t.is(await operatingStatus(agent, 'member', id), 'ONLINE', 'checks over TLS pass');
  const seen = new Map<string, number>();
  for (let i = 0; i < 10; i++) {
    const a = await tlsGet(lb.address, lb.port);
    t.is(a.subject, 'lbaas-member', "the client sees the member's certificate: passthrough");
    seen.set(a.backend, (seen.get(a.backend) ?? 0) + 1);
  }
  t.deepEqual(Object.fromEntries(seen), { t1: 5, t2: 5 });
});
