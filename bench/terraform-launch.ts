/**
 * Launching the bundled provider the way Terraform (go-plugin) does: the
 * executable run directly with the magic cookie, the port range, protocol 6
 * and a client certificate like Terraform's so AutoMTLS runs; the time until
 * the handshake line is on stdout; then closed as Terraform closes it, with
 * GRPCController.Shutdown over mutual TLS (SIGKILL 2 s later if it is still there).
 */
import * as grpc from '@grpc/grpc-js';
import { type ChildProcess, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { loadServices } from '../provider/protocol/load.js';
import { MAGIC_COOKIE_VALUE } from '../provider/protocol/handshake.js';
import type { Cleanup } from './support/cleanup.js';


/** go-plugin's start timeout is a minute; a launch this slow is broken, not slow. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
/** go-plugin waits this long after Shutdown before it kills the plugin. */
const KILL_AFTER_MS = 2_000;

import { type ClientCert, terraformClientCert } from '../provider/protocol/terraform-client-cert.js';

export { type ClientCert, terraformClientCert };

/** What Terraform 1.11 puts in a provider's environment (PLUGIN_CLIENT_CERT unless TF_DISABLE_PLUGIN_TLS). */
export function pluginEnv(cert?: ClientCert): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE,
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    PLUGIN_PROTOCOL_VERSIONS: '6',
    ...(cert ? { PLUGIN_CLIENT_CERT: cert.certPem } : {}),
  };
}

export interface Launched {
  proc: ChildProcess;
  /** The handshake line, without its newline. */
  line: string;
  /** spawn → handshake line read. */
  handshakeMs: number;
  exited: Promise<void>;
}

export function launchProvider(file: string, env: NodeJS.ProcessEnv, cleanup: Cleanup): Promise<Launched> {
  const started = performance.now();
  const proc = spawn(file, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = cleanup.add(`provider pid ${proc.pid}`, () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  void exited.then(kill);
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`no handshake within ${HANDSHAKE_TIMEOUT_MS} ms; stderr: ${err}`));
    }, HANDSHAKE_TIMEOUT_MS);
    proc.stdout!.on('data', (d: Buffer) => {
      if (out.includes('\n')) return; // later stdout is discarded, as go-plugin does
      out += d.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ proc, line: out.split('\n')[0]!, handshakeMs: performance.now() - started, exited });
      }
    });
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!out.includes('\n')) reject(new Error(`provider exited (${code ?? signal}) before the handshake; stderr: ${err}`));
    });
  });
}

const HANDSHAKE = /^1\|6\|tcp\|([\d.]+:\d+)\|grpc\|([A-Za-z0-9+/]*)$/;
let services: ReturnType<typeof loadServices> | undefined;

/** GRPCController.Shutdown as go-plugin sends it; returns Shutdown sent → process gone, in ms. */
export async function shutdownProvider(p: Launched, cert?: ClientCert): Promise<number> {
  const m = HANDSHAKE.exec(p.line);
  if (!m) throw new Error(`not a protocol 6 handshake line: ${p.line}`);
  const [, addr, der] = m;
  if (cert && !der) throw new Error('AutoMTLS asked for, but the handshake carries no server certificate');
  const creds = cert
    ? grpc.credentials.createSsl(Buffer.from(new X509Certificate(Buffer.from(der!, 'base64')).toString()), Buffer.from(cert.keyPem), Buffer.from(cert.certPem))
    : grpc.credentials.createInsecure();
  services ??= loadServices();
  const Controller = grpc.makeGenericClientConstructor(services['plugin.GRPCController'], 'plugin.GRPCController');
  const client = new Controller(addr!, creds, { 'grpc.ssl_target_name_override': 'localhost', 'grpc.default_authority': 'localhost' }) as grpc.Client &
    Record<string, (req: object, cb: (e: grpc.ServiceError | null) => void) => void>;
  const asked = performance.now();
  const killer = setTimeout(() => p.proc.kill('SIGKILL'), KILL_AFTER_MS);
  try {
    // go-plugin closes its connection as soon as Shutdown returns (the reply may also race the exit).
    await new Promise<void>((resolve) => client.Shutdown!({}, () => resolve()));
    client.close();
    await p.exited;
    return performance.now() - asked;
  } finally {
    clearTimeout(killer);
    client.close();
  }
}

/** spawn → exit of `node -e ''`: what any Node program costs before its first line. */
export function timeBareNode(): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    proc.once('error', reject);
    proc.once('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node -e '' exited ${code}`))));
  });
}
