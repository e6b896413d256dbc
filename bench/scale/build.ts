/**
 * Builds N load balancers of M members through the API, a few pools at a
 * time, each finished by a VIP created with `?wait=` so its HAProxy is
 * running when the call returns. Members point at a few real backends
 * (distinct ports within a pool, as the API requires).
 */
import type { LbaasClient } from '../../client/index.js';
import { freePort } from '../../test/harness/ports.js';

/** A VIP create starts a HAProxy (haproxy -c, start, first worker): generous for a busy host. */
const VIP_WAIT_S = 60;

export interface BuiltPool {
  poolId: string;
  vipId: string;
  address: string;
  port: number;
}

export interface BuildResult {
  pools: BuiltPool[];
  totalMs: number;
  /** Durations of the plain creates (pool, member): a durable write each. */
  createMs: number[];
  /** Durations of the VIP creates with ?wait=: until that pool's HAProxy serves. */
  vipLiveMs: number[];
  notLive: string[];
}

async function timed<T>(into: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    into.push(performance.now() - t0);
  }
}

export async function buildPools(
  c: LbaasClient,
  o: { pools: number; members: number; ports: readonly number[]; concurrency: number; log(m: string): void },
): Promise<BuildResult> {
  if (o.ports.length < o.members) throw new Error(`${o.members} members per pool need ${o.members} backend ports, got ${o.ports.length}`);
  const r: BuildResult = { pools: [], totalMs: 0, createMs: [], vipLiveMs: [], notLive: [] };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < o.pools; i = next++) {
      const pool = await timed(r.createMs, () =>
        c.create('pool', { name: `scale-${i}`, protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local' }),
      ) as { id: string };
      for (let m = 0; m < o.members; m++) {
        await timed(r.createMs, () => c.create('member', { pool_id: pool.id, address: '127.0.0.1', protocol_port: o.ports[m]! }));
      }
      const port = await freePort();
      // No address: the agent allocates one from the local network's range.
      const vip = (await timed(r.vipLiveMs, () =>
        c.create('vip', { name: `scale-${i}`, pool_id: pool.id, subnet: 'local', protocol: 'HTTP', protocol_port: port }, { waitSeconds: VIP_WAIT_S }),
      )) as { id: string; address: string; provisioning_status: string };
      if (vip.provisioning_status !== 'ACTIVE') r.notLive.push(pool.id);
      r.pools.push({ poolId: pool.id, vipId: vip.id, address: vip.address, port });
      if (r.pools.length % 20 === 0) o.log(`  ${r.pools.length}/${o.pools} load balancers`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  r.totalMs = performance.now() - started;
  return r;
}
