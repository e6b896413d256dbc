/**
 * What an ACTIVE_STANDBY pool needs from its network besides the VIP: a
 * virtual_router_id (1-255) that no other pool on the network uses, and one
 * VRRP address per hosting agent. Pure choices over what is used; the store
 * makes them durable. In cluster mode each choice is a create-if-absent txn
 * on a key per value, so two agents choosing at once cannot both win:
 *
 *   <prefix>/alloc/vrid/<network>/<vrid>            → <pool_id>
 *   <prefix>/alloc/address/<network>/<address>      → vip:<vip_id> | vrrp:<pool_id>/<agent_id>
 *
 * (the same address keyspace as VIP addresses: a VRRP address is never a VIP).
 * On a lost race the caller adds the value to `used` and chooses again.
 */
import type { Network } from '../../schema/network.js';
import { AgentError } from '../errors.js';
import { allocateAddress } from '../service/allocate.js';

export const VRID_MIN = 1;
export const VRID_MAX = 255;

export function vridKey(network: string, vrid: number): string {
  return `alloc/vrid/${network}/${vrid}`;
}

export function vrrpAddressOwner(poolId: string, agentId: string): string {
  return `vrrp:${poolId}/${agentId}`;
}

/** The lowest vrid not in `used`, or 409 naming the network (at most 255 HA pools per L2 segment). */
export function allocateVrid(network: Network, used: ReadonlySet<number>): number {
  for (let v = VRID_MIN; v <= VRID_MAX; v++) if (!used.has(v)) return v;
  throw new AgentError('address_exhausted', `network ${network.name} has no free virtual_router_id (all ${VRID_MAX} are used by ACTIVE_STANDBY pools)`, {
    errors: [{ path: ['topology'], message: `no free virtual_router_id on network ${network.name}` }],
  });
}

/**
 * `count` VRRP addresses from the network's range, none in `used`. Refused
 * with 409 naming `topology` when the range has no room (nothing allocated).
 */
export function allocateVrrpAddresses(network: Network, used: ReadonlySet<string>, cursor: number | undefined, count: number): { addresses: string[]; cursor: number | undefined } {
  const taken = new Set(used);
  const addresses: string[] = [];
  let c = cursor;
  try {
    for (let i = 0; i < count; i++) {
      const r = allocateAddress(network, taken, c);
      addresses.push(r.address);
      taken.add(r.address);
      c = r.cursor;
    }
  } catch (e) {
    if (!(e instanceof AgentError) || e.code !== 'address_exhausted') throw e;
    throw new AgentError('address_exhausted', `network ${network.name} has no room for ${count} VRRP addresses (${e.message})`, {
      errors: [{ path: ['topology'], message: `network ${network.name} has no room for VRRP addresses` }],
    }, { cause: e });
  }
  return { addresses, cursor: c };
}

/** Distinct availability zones first, then fewest pools: the pair for an ACTIVE_STANDBY pool. */
export function pickPair<T extends { agentId: string; zone?: string | undefined; pools: number }>(candidates: readonly T[]): [T, T] | undefined {
  const sorted = [...candidates].sort((a, b) => a.pools - b.pools || a.agentId.localeCompare(b.agentId));
  const first = sorted[0];
  if (!first) return undefined;
  const second = sorted.find((c) => c !== first && c.zone !== undefined && c.zone !== first.zone) ?? sorted.find((c) => c !== first);
  return second ? [first, second] : undefined;
}
