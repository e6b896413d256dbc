/**
 * Provider process entry point: magic cookie, AutoMTLS certificate, listen,
 * handshake line. Ordered for start-up time: only grpc-js and node:crypto
 * load before the handshake; the .proto parsing, the framework and the
 * provider's own modules (zod, got, …) load after it, while Terraform is
 * connecting — the services are already registered over raw bytes and wait
 * for them.
 */
import * as grpc from '@grpc/grpc-js';
import type { Dispatch, ProviderSource } from './dispatch.js';
import { candidatePorts, handshakeLine, NOT_A_COMMAND, offersOurVersion, startedByTerraform } from './handshake.js';
import { log } from './log.js';
import { METHODS, rawServiceDefinition, type ServiceName } from './methods.js';
import { rawImplementations } from './raw-services.js';
import { generateServerCert } from './tls.js';

export type { ProviderSource } from './dispatch.js';

/** After Shutdown, wait this long for open calls before exiting anyway. */
const SHUTDOWN_GRACE_MS = 500;
/** How often to check that Terraform (our parent) is still alive. */
const PARENT_CHECK_MS = 2000;

export function serve(source: ProviderSource): void {
  if (!startedByTerraform(process.env)) {
    process.stderr.write(NOT_A_COMMAND);
    process.exit(1);
  }
  if (!offersOurVersion(process.env)) log.warn('Terraform did not offer plugin protocol 6', { offered: process.env.PLUGIN_PROTOCOL_VERSIONS });
  // Ctrl-C reaches the whole process group; Terraform sends StopProvider instead.
  process.on('SIGINT', () => log.debug('SIGINT ignored'));

  let credentials: grpc.ServerCredentials;
  let cert: ReturnType<typeof generateServerCert> | undefined;
  try {
    const clientPem = process.env.PLUGIN_CLIENT_CERT;
    cert = clientPem ? generateServerCert() : undefined;
    credentials = cert
      ? grpc.ServerCredentials.createSsl(Buffer.from(clientPem!), [{ private_key: Buffer.from(cert.keyPem), cert_chain: Buffer.from(cert.certPem) }], true)
      : grpc.ServerCredentials.createInsecure();
  } catch (e) {
    log.error('cannot set up TLS', { error: e instanceof Error ? e.message : String(e) });
    process.stderr.write(`provider: cannot set up TLS with PLUGIN_CLIENT_CERT: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
  const server = new grpc.Server({ 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });

  let dispatch: Promise<Dispatch> | undefined;
  const loadDispatch = () => (dispatch ??= import('./dispatch.js').then((m) => m.createDispatch(source)));
  const impls = rawImplementations(loadDispatch, () => shutdown(server));
  for (const service of Object.keys(METHODS) as ServiceName[]) server.addService(rawServiceDefinition(service), impls[service]);

  bind(server, credentials, candidatePorts(process.env), (err, port) => {
    if (err) {
      log.error('cannot listen', { error: err.message });
      process.stderr.write(`provider: cannot listen: ${err.message}\n`);
      process.exit(1);
    }
    process.stdout.write(handshakeLine(`127.0.0.1:${port}`, cert?.certDer));
    log.debug('provider listening', { port, tls: !!cert });
    loadDispatch().catch((e: unknown) => log.error('provider failed to start', { error: e instanceof Error ? e.stack : String(e) }));
  });
  watchParent();
}

function bind(server: grpc.Server, creds: grpc.ServerCredentials, ports: number[], done: (err: Error | null, port: number) => void): void {
  const [port, ...rest] = ports;
  server.bindAsync(`127.0.0.1:${port}`, creds, (err, bound) => {
    if (err && rest.length) bind(server, creds, rest, done);
    else done(err, bound);
  });
}

let stopping = false;
function shutdown(server: grpc.Server): void {
  if (stopping) return;
  stopping = true;
  log.debug('shutdown requested');
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  // Let the Shutdown reply go out, then close; exit when the connections are gone.
  setImmediate(() => server.tryShutdown(() => process.exit(0)));
}

/** If Terraform dies without calling Shutdown we are re-parented: exit instead of lingering. */
function watchParent(): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_CHECK_MS).unref();
}
