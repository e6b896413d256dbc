/**
 * A provider network mirror for tests: a directory (a release's mirror tree)
 * served read-only over HTTPS on 127.0.0.1 — Terraform and OpenTofu accept
 * network mirrors over https only. The certificate is a fresh self-signed
 * one for "localhost"; the CLIs trust it through SSL_CERT_FILE (Go reads
 * it on Linux), which `env` returns together with the CA file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateServerCert } from '../../provider/protocol/tls.js';

export interface MirrorServer {
  /** https://localhost:<port>/ — the network_mirror url. */
  url: string;
  /** SSL_CERT_FILE pointing at the server's certificate. */
  env: NodeJS.ProcessEnv;
  /** Paths requested, in order (to see what the CLI fetched). */
  requests: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = { '.json': 'application/json', '.zip': 'application/zip' };

export async function serveMirror(root: string): Promise<MirrorServer> {
  const cert = generateServerCert();
  const caDir = mkdtempSync(path.join(tmpdir(), 'lbaas-mirror-ca-'));
  const caFile = path.join(caDir, 'ca.pem');
  writeFileSync(caFile, cert.certPem);
  const requests: string[] = [];
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    requests.push(url.pathname);
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (req.method !== 'GET' || !file.startsWith(root + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://localhost:${port}/`,
    env: { SSL_CERT_FILE: caFile },
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(caDir, { recursive: true, force: true });
    },
  };
}
