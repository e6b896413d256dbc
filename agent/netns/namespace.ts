/**
 * The pool's namespace `qlbaas-<pool_id>`: created with our marker on `lo`
 * (see marker.ts), `lo` up, and the sysctls HAProxy relies on:
 *  - net.ipv4.conf.all.promote_secondaries=1: removing one address must not
 *    take the others of the same subnet with it (v1 did the same);
 *  - net.ipv4.ip_nonlocal_bind=1: HAProxy can bind the VIP before (or while)
 *    the address is being (re)added, so a repair never makes it fail to start.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlumbingDrift } from '../drivers/driver.js';
import { run } from '../exec/run.js';
import { NetnsError } from './errors.js';
import { getLink, ip, isMissingNetns, snapshotNetns, type NetnsSnapshot } from './ip.js';
import { clearIntent, formatMarker, hasIntent, isOurs, parseMarker, writeIntent, type Marker } from './marker.js';
import { nsName, type NameScheme } from './names.js';

export const NAMESPACE_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.conf.all.promote_secondaries': '1',
  'net.ipv4.ip_nonlocal_bind': '1',
};

/** Who we are and where we may keep intent files. */
export interface OwnerContext {
  owner: string;
  stateDir: string;
  /** This agent's naming (default: v1's). */
  names?: NameScheme;
}

export interface NamespaceState {
  name: string;
  exists: boolean;
  marker: Marker | undefined;
  owned: boolean;
  loUp: boolean;
  /** Every link and the default routes, when asked for and the namespace exists. */
  snapshot?: NetnsSnapshot;
}

/**
 * `ip netns add` creates /run/netns/<name> before it bind-mounts the new
 * namespace on it, and `ip netns delete` unmounts before it unlinks; opening
 * the file in between fails with EINVAL. A few short retries let such a
 * concurrent add/delete (another pool's worker, a test, an admin) finish.
 */
const NETNS_SETTLE_ATTEMPTS = 5;
const NETNS_SETTLE_DELAY_MS = 20;

function isHalfMadeNetns(e: unknown): boolean {
  return e instanceof Error && /setting the network namespace .* failed: Invalid argument/.test(e.message);
}

/** The namespace and its marker; with `snapshot`, all its links and default routes too (same single `ip` run). */
export async function namespaceState(poolId: string, ctx: OwnerContext, opts: { snapshot?: boolean } = {}): Promise<NamespaceState> {
  const name = nsName(poolId, ctx.names);
  for (let attempt = 1; ; attempt++) {
    try {
      const snapshot = opts.snapshot ? await snapshotNetns(name) : undefined;
      const lo = snapshot ? snapshot.links.find((l) => l.name === 'lo') : await getLink(name, 'lo');
      return {
        name,
        exists: true,
        marker: parseMarker(lo?.alias),
        owned: isOurs(lo?.alias, ctx.owner, poolId),
        loUp: lo?.up ?? false,
        ...(snapshot ? { snapshot } : {}),
      };
    } catch (e) {
      if (isMissingNetns(e)) return { name, exists: false, marker: undefined, owned: false, loUp: false };
      if (!isHalfMadeNetns(e) || attempt >= NETNS_SETTLE_ATTEMPTS) throw e;
      await sleep(NETNS_SETTLE_DELAY_MS);
    }
  }
}

function markerArgs(poolId: string, ctx: OwnerContext): string[] {
  return ['link', 'set', 'dev', 'lo', 'up', 'alias', formatMarker({ owner: ctx.owner, pool: poolId })];
}

export interface EnsureNamespaceResult {
  name: string;
  created: boolean;
  drift: PlumbingDrift[];
  /**
   * Links and default routes as they were before this call (nothing in it
   * touches them): what the rest of a plug compares with, without reading
   * again. A namespace just created has only `lo` and no routes.
   */
  snapshot: NetnsSnapshot;
}

export async function ensureNamespace(poolId: string, ctx: OwnerContext): Promise<EnsureNamespaceResult> {
  const st = await namespaceState(poolId, ctx, { snapshot: true });
  const drift: PlumbingDrift[] = [];
  let created = false;
  if (!st.exists) {
    await writeIntent(ctx.stateDir, poolId, ctx.owner);
    await ip(['netns', 'add', st.name]);
    await ip(markerArgs(poolId, ctx), { ns: st.name });
    await clearIntent(ctx.stateDir, poolId);
    created = true;
    drift.push({ kind: 'namespace_missing', detail: `namespace ${st.name} was missing; created`, repaired: true });
  } else if (!st.owned) {
    if (st.marker === undefined && (await hasIntent(ctx.stateDir, poolId))) {
      // We created it and were stopped before marking it (see marker.ts).
      await ip(markerArgs(poolId, ctx), { ns: st.name });
      await clearIntent(ctx.stateDir, poolId);
      drift.push({ kind: 'namespace_marker_missing', detail: `namespace ${st.name} had no marker but our intent file; marked`, repaired: true });
    } else {
      throw notOwned(st);
    }
  } else if (!st.loUp) {
    await ip(['link', 'set', 'dev', 'lo', 'up'], { ns: st.name });
    drift.push({ kind: 'loopback_down', detail: `lo in ${st.name} was down; set up`, repaired: true });
  }
  // A new namespace has the kernel defaults: set them without reading first.
  const wrong = created ? Object.keys(NAMESPACE_SYSCTLS) : await wrongSysctls(st.name);
  if (wrong.length > 0) {
    await run('sysctl', ['-q', '-w', ...wrong.map((k) => `${k}=${NAMESPACE_SYSCTLS[k]}`)], { netns: st.name }).catch((e: unknown) => {
      throw new NetnsError('NETNS_COMMAND_FAILED', `setting ${wrong.join(', ')} in ${st.name}: ${(e as Error).message}`, { cause: e });
    });
    // A brand-new namespace has the kernel defaults; that is not drift.
    if (!created) drift.push({ kind: 'sysctl_wrong', detail: `${wrong.join(', ')} in ${st.name} reset`, repaired: true });
  }
  return { name: st.name, created, drift, snapshot: st.snapshot ?? { links: [], defaultRoutes: [] } };
}

/** Sysctls of the namespace that differ from NAMESPACE_SYSCTLS. */
export async function wrongSysctls(ns: string): Promise<string[]> {
  const keys = Object.keys(NAMESPACE_SYSCTLS);
  const r = await run('sysctl', ['-n', ...keys], { netns: ns }).catch((e: unknown) => {
    throw new NetnsError('NETNS_COMMAND_FAILED', `reading sysctls in ${ns}: ${(e as Error).message}`, { cause: e });
  });
  const values = r.stdout.split('\n').map((l) => l.trim());
  return keys.filter((k, i) => values[i] !== NAMESPACE_SYSCTLS[k]);
}

function notOwned(st: NamespaceState): NetnsError {
  const who = st.marker ? `marked for ${st.marker.owner}/${st.marker.pool}` : 'has no lbaas marker on lo';
  return new NetnsError('NETNS_NOT_OWNED', `namespace ${st.name} exists but ${who}; left alone`);
}

/**
 * Delete the pool's namespace if it is ours. Returns false when it was already
 * gone; throws NETNS_NOT_OWNED (touching nothing) when it is not ours.
 * Deleting a namespace kills no process: the HAProxy manager stops HAProxy first.
 */
export async function deleteNamespace(poolId: string, ctx: OwnerContext): Promise<boolean> {
  const st = await namespaceState(poolId, ctx);
  if (!st.exists) {
    await clearIntent(ctx.stateDir, poolId);
    return false;
  }
  if (!st.owned && !(st.marker === undefined && (await hasIntent(ctx.stateDir, poolId)))) throw notOwned(st);
  await ip(['netns', 'delete', st.name]);
  await clearIntent(ctx.stateDir, poolId);
  return true;
}
