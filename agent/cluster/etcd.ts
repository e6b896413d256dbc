/** The etcd client of an agent, from its validated `cluster.etcd` config; a bad or unreachable etcd stops the agent at start. */
import { readFileSync } from 'node:fs';
import { Etcd3 } from 'etcd3';
import type { ClusterConfig } from '../../schema/cluster.js';
import { ConfigError } from '../config.js';

/** Every unary call gives up after this: a write answers 503 instead of hanging when etcd has no quorum. */
export const CALL_DEADLINE_MS = 2_000;

function readPem(file: string, field: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new ConfigError(`cluster.etcd.tls.${field}: cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function etcdClient(c: ClusterConfig): Etcd3 {
  const tls = c.etcd.tls;
  return new Etcd3({
    hosts: c.etcd.endpoints,
    dialTimeout: CALL_DEADLINE_MS,
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + CALL_DEADLINE_MS }),
    ...(tls
      ? {
          credentials: {
            rootCertificate: readPem(tls.ca, 'ca'),
            ...(tls.cert && tls.key ? { certChain: readPem(tls.cert, 'cert'), privateKey: readPem(tls.key, 'key') } : {}),
          },
        }
      : {}),
  });
}

/** Fail start-up naming the field when no endpoint answers. */
export async function checkReachable(client: Etcd3, c: ClusterConfig): Promise<void> {
  try {
    await client.get(`${c.etcd.prefix}/desired/meta`).exec();
  } catch (err) {
    throw new ConfigError(`cluster.etcd.endpoints: no etcd answers at ${c.etcd.endpoints.join(', ')}: ${(err as Error).message}`, { cause: err });
  }
}
