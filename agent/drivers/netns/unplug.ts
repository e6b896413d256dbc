/**
 * Remove one pool's plumbing: OVS port, namespace, a stray host-side device.
 * Only what carries our marker is removed; pieces named like the pool's that
 * are not ours are left alone and reported together in one
 * NETNS_DRIVER_NOT_OWNED error after everything of ours is gone.
 * HAProxy must already be stopped (the HAProxy manager does it): deleting a
 * namespace does not kill the processes in it.
 */
import { existsSync } from 'node:fs';
import { deleteOwnedPort } from '../../ovs/port.js';
import { isOvsError } from '../../ovs/errors.js';
import type { OvsTarget } from '../../ovs/vsctl.js';
import { deleteNamespace } from '../../netns/namespace.js';
import { isNetnsError } from '../../netns/errors.js';
import { deleteLink } from '../../netns/device.js';
import { getLink } from '../../netns/ip.js';
import { isOurs } from '../../netns/marker.js';
import { assertPoolId, tapName, type NameScheme } from '../../netns/names.js';
import type { GarpSender } from '../../netns/garp.js';
import { NetnsDriverError } from './errors.js';

export interface UnplugDeps {
  ovs: OvsTarget;
  owner: string;
  stateDir: string;
  garp: GarpSender;
  names?: NameScheme;
}

export async function unplugPool(poolId: string, deps: UnplugDeps): Promise<void> {
  assertPoolId(poolId);
  const tap = tapName(poolId, deps.names);
  const refused: Error[] = [];
  const keep = (e: unknown) => {
    if (isOvsError(e, 'OVS_NOT_OWNED') || isNetnsError(e, 'NETNS_NOT_OWNED')) refused.push(e);
    else throw e;
  };
  // A running arping holds the namespace (and so the veth pair) alive after
  // `ip netns delete`; let it finish (≈1 s at most) so nothing outlives unplug.
  await deps.garp.settle(poolId);
  // Port first: on the netdev datapath deleting an internal port removes its
  // tap from the namespace; a veth pair dies with the namespace.
  await deleteOwnedPort(deps.ovs, tap, { owner: deps.owner, pool: poolId }).catch(keep);
  await deleteNamespace(poolId, { owner: deps.owner, stateDir: deps.stateDir, ...(deps.names ? { names: deps.names } : {}) }).catch(keep);
  // A host-side veth end whose peer was not in our namespace survives the above.
  // (The agent's /sys is the host's: no device there, nothing to read with `ip`.)
  const host = existsSync(`/sys/class/net/${tap}`) ? await getLink(undefined, tap) : undefined;
  if (host && isOurs(host.alias, deps.owner, poolId)) await deleteLink(tap, undefined);
  if (refused.length > 0) {
    throw new NetnsDriverError(
      'NETNS_DRIVER_NOT_OWNED',
      `pool ${poolId}: left alone what is not ours: ${refused.map((e) => e.message).join('; ')}`,
      { cause: refused.length === 1 ? refused[0] : new AggregateError(refused) },
    );
  }
}
