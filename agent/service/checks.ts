/** Rules that need other objects: references exist, uniqueness, one VIP per pool, protocols agree. */
import { cidrContains, parseCidr, ipv4ToInt } from '../../schema/common.js';
import type { Network } from '../../schema/network.js';
import { AgentError, invalidField, ruleViolated } from '../errors.js';
import type { Store } from '../store/store.js';
import { membersOf, vipOf } from './relations.js';
import { checkTopology, SINGLE_AGENT, type HaCapacity } from '../ha/admission.js';

type Spec = Record<string, unknown>;

export function networkNamed(networks: readonly Network[], name: string, field: string): Network {
  const n = networks.find((x) => x.name === name);
  if (!n) {
    const known = networks.map((x) => x.name).join(', ') || 'none';
    throw invalidField([field], `unknown network "${name}" (this agent has: ${known})`);
  }
  return n;
}

export function checkPool(store: Store, networks: readonly Network[], spec: Spec, ha: HaCapacity = SINGLE_AGENT): void {
  networkNamed(networks, spec.subnet as string, 'subnet');
  checkTopology(spec, ha);
  (spec.health_monitor_ids as string[]).forEach((id, i) => {
    if (!store.get('health_monitor', id)) throw ruleViolated(['health_monitor_ids', i], `no health monitor with id ${id}`);
  });
}

export function checkMember(store: Store, spec: Spec, selfId?: string): void {
  const pool = store.get('pool', spec.pool_id as string);
  if (!pool) throw ruleViolated(['pool_id'], `no pool with id ${String(spec.pool_id)}`);
  const dup = membersOf(store, pool.id).find(
    (m) => m.id !== selfId && m.spec.address === spec.address && m.spec.protocol_port === spec.protocol_port,
  );
  if (dup) {
    throw new AgentError(
      'conflict',
      `pool ${pool.id} already has member ${dup.id} at ${String(spec.address)}:${String(spec.protocol_port)}`,
      { errors: [{ path: ['address'], message: `duplicate of member ${dup.id}` }], referrers: [{ kind: 'member', id: dup.id }] },
    );
  }
}

export function checkVip(store: Store, networks: readonly Network[], spec: Spec, selfId?: string): void {
  const pool = store.get('pool', spec.pool_id as string);
  if (!pool) throw ruleViolated(['pool_id'], `no pool with id ${String(spec.pool_id)}`);
  if (pool.spec.protocol !== spec.protocol) {
    throw ruleViolated(['protocol'], `must equal the pool's protocol (${String(pool.spec.protocol)})`);
  }
  const other = vipOf(store, pool.id);
  if (other && other.id !== selfId) {
    throw new AgentError('conflict', `pool ${pool.id} already has VIP ${other.id} (one VIP per pool)`, {
      errors: [{ path: ['pool_id'], message: `pool already has VIP ${other.id}` }],
      referrers: [{ kind: 'vip', id: other.id }],
    });
  }
  const net = networkNamed(networks, spec.subnet as string, 'subnet');
  if (typeof spec.address === 'string') {
    if (!cidrContains(net.cidr, spec.address)) throw ruleViolated(['address'], `${spec.address} is not inside ${net.cidr}`);
    const c = parseCidr(net.cidr);
    const n = ipv4ToInt(spec.address);
    if (c.prefix < 31 && (n === c.first || n === c.last)) {
      throw ruleViolated(['address'], `${spec.address} is the network or broadcast address of ${net.cidr}`);
    }
    if (net.gateway === spec.address) throw ruleViolated(['address'], `${spec.address} is the gateway of ${net.name}`);
    const dup = store
      .list('vip')
      .find(
        (v) =>
          v.id !== selfId &&
          v.spec.subnet === spec.subnet &&
          v.spec.address === spec.address &&
          v.spec.protocol_port === spec.protocol_port,
      );
    if (dup) {
      throw new AgentError('conflict', `VIP ${dup.id} already listens on ${spec.address}:${String(spec.protocol_port)}`, {
        errors: [{ path: ['protocol_port'], message: `address and port already used by VIP ${dup.id}` }],
        referrers: [{ kind: 'vip', id: dup.id }],
      });
    }
  }
}
