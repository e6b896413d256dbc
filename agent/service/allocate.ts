/**
 * VIP address allocation: next free address after a durable per-network
 * cursor, so a released address is not handed out again until the range
 * wraps around (ARP caches and clients forget it by then).
 */
import { intToIPv4, ipv4ToInt, parseCidr } from '../../schema/common.js';
import type { Network } from '../../schema/network.js';
import { AgentError } from '../errors.js';

export function allocationBounds(n: Network): { first: number; last: number } {
  if (n.allocation_range) return { first: ipv4ToInt(n.allocation_range.start), last: ipv4ToInt(n.allocation_range.end) };
  const c = parseCidr(n.cidr);
  return { first: c.first + 1, last: c.last - 1 };
}

/** Pick a free address; returns it and the new cursor. */
export function allocateAddress(n: Network, used: Set<string>, cursor: number | undefined): { address: string; cursor: number } {
  const { first, last } = allocationBounds(n);
  const size = last - first + 1;
  const gateway = n.gateway ? ipv4ToInt(n.gateway) : -1;
  const start = cursor !== undefined && cursor >= first && cursor <= last ? cursor + 1 : first;
  for (let i = 0; i < size; i++) {
    const candidate = first + ((start - first + i) % size);
    if (candidate === gateway) continue;
    const ip = intToIPv4(candidate);
    if (!used.has(ip)) return { address: ip, cursor: candidate };
  }
  throw new AgentError('address_exhausted', `network ${n.name} has no free address in ${intToIPv4(first)}-${intToIPv4(last)}`);
}
