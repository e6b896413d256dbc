/**
 * Names derived from a pool id, as Neutron LBaaS v1 did: namespace
 * `qlbaas-<pool_id>`, OVS-side device `tap<id[:11]>`, namespace-side veth end
 * `ns-<id[:11]>` (14 characters, under the 15-character IFNAMSIZ limit).
 * Pool ids are UUIDs, checked here, so nothing derived from them can carry a
 * shell or `ip` metacharacter; 11 hex digits make a prefix collision between
 * two pools improbable, and the full pool id in the ownership markers catches
 * one if it happens.
 */
import { createHash } from 'node:crypto';
import { NetnsError } from './errors.js';

export const NS_PREFIX = 'qlbaas-';

/**
 * How one agent names its pieces. The default is v1's. Several agents on one
 * host (cluster and HA tests: one bridge stands for the network between
 * hosts, and both agents of an ACTIVE_STANDBY pair host the same pool) each
 * need their own names: `schemeFor(tag)` with a 2-character tag gives
 * `qlbaas-<tag>-<pool_id>`, `v<tag><id[:11]>` on the bridge and
 * `n<tag><id[:11]>` in the namespace (14 characters, as the defaults).
 */
export interface NameScheme {
  ns: string;
  tap: string;
  nsDev: string;
}

export const DEFAULT_SCHEME: NameScheme = { ns: NS_PREFIX, tap: 'tap', nsDev: 'ns-' };

const TAG = /^[a-z0-9]{2}$/;

export function schemeFor(tag: string | undefined): NameScheme {
  if (tag === undefined) return DEFAULT_SCHEME;
  if (!TAG.test(tag)) throw new NetnsError('NETNS_INVALID_ID', `name tag must be 2 characters of a-z or 0-9, got ${JSON.stringify(tag)}`);
  return { ns: `${NS_PREFIX}${tag}-`, tap: `v${tag}`, nsDev: `n${tag}` };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function assertPoolId(poolId: string): string {
  if (!UUID.test(poolId)) throw new NetnsError('NETNS_INVALID_ID', `pool id must be a lower-case UUID, got ${JSON.stringify(poolId)}`);
  return poolId;
}

export function nsName(poolId: string, scheme: NameScheme = DEFAULT_SCHEME): string {
  return scheme.ns + assertPoolId(poolId);
}

/** Pool id of a namespace named like ours, else undefined. */
export function poolIdOfNs(name: string, scheme: NameScheme = DEFAULT_SCHEME): string | undefined {
  if (!name.startsWith(scheme.ns)) return undefined;
  const id = name.slice(scheme.ns.length);
  return UUID.test(id) ? id : undefined;
}

/** The device on the bridge: the OVS port name (internal port or host-side veth end). */
export function tapName(poolId: string, scheme: NameScheme = DEFAULT_SCHEME): string {
  return `${scheme.tap}${assertPoolId(poolId).slice(0, 11)}`;
}

/** The namespace-side veth end. */
export function nsDevName(poolId: string, scheme: NameScheme = DEFAULT_SCHEME): string {
  return `${scheme.nsDev}${assertPoolId(poolId).slice(0, 11)}`;
}

/**
 * A stable MAC per pool: locally administered, unicast, from a hash of the id.
 * Stable across repairs, so a re-created port keeps the MAC peers have cached.
 */
export function macFor(poolId: string, salt?: string): string {
  // ACTIVE_STANDBY: both agents' ports are on one segment; the agent id as salt keeps their MACs apart.
  const h = createHash('sha256').update(assertPoolId(poolId) + (salt ? `/${salt}` : '')).digest();
  const bytes = [(h[0]! & 0xfc) | 0x02, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
