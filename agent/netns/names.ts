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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function assertPoolId(poolId: string): string {
  if (!UUID.test(poolId)) throw new NetnsError('NETNS_INVALID_ID', `pool id must be a lower-case UUID, got ${JSON.stringify(poolId)}`);
  return poolId;
}

export function nsName(poolId: string): string {
  return NS_PREFIX + assertPoolId(poolId);
}

/** Pool id of a namespace named like ours, else undefined. */
export function poolIdOfNs(name: string): string | undefined {
  if (!name.startsWith(NS_PREFIX)) return undefined;
  const id = name.slice(NS_PREFIX.length);
  return UUID.test(id) ? id : undefined;
}

/** The device on the bridge: the OVS port name (internal port or host-side veth end). */
export function tapName(poolId: string): string {
  return `tap${assertPoolId(poolId).slice(0, 11)}`;
}

/** The namespace-side veth end. */
export function nsDevName(poolId: string): string {
  return `ns-${assertPoolId(poolId).slice(0, 11)}`;
}

/**
 * A stable MAC per pool: locally administered, unicast, from a hash of the id.
 * Stable across repairs, so a re-created port keeps the MAC peers have cached.
 */
export function macFor(poolId: string): string {
  const h = createHash('sha256').update(assertPoolId(poolId)).digest();
  const bytes = [(h[0]! & 0xfc) | 0x02, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}
