/**
 * Does a pool's plumbing match its spec, judged from the pass's host view and
 * its namespace as seen through a process inside it? Pure reads, no command:
 * an empty answer means nothing to repair; otherwise the reasons, and the
 * pool gets a full plug (which reads everything again, repairs and reports
 * drift with the usual kinds). What this cannot see (MAC, MTU, sysctls, TX
 * offload, markers inside the namespace) the periodic deep check covers.
 */
import type { PlugSpec } from '../driver.js';
import type { BridgeInfo } from '../../ovs/bridge.js';
import { macFor, nsDevName, nsName, tapName, type NameScheme } from '../../netns/names.js';
import { isOurs } from '../../netns/marker.js';
import { prefixOf } from '../../netns/l3.js';
import type { ProcNetView } from '../../netns/proc-net.js';
import { effectivePortType } from './port-type.js';
import type { NetnsHostView } from './host-view.js';

function networkBase(cidr: string): string {
  const [addr, p] = cidr.split('/');
  const n = addr!.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  const mask = Number(p) === 0 ? 0 : (0xffffffff << (32 - Number(p))) >>> 0;
  const b = (n & mask) >>> 0;
  return [b >>> 24, (b >>> 16) & 255, (b >>> 8) & 255, b & 255].join('.');
}

export function plumbingDiff(
  spec: PlugSpec,
  view: NetnsHostView,
  bridge: BridgeInfo | undefined,
  owner: string,
  inside: ProcNetView | undefined,
  names?: NameScheme,
): string[] {
  const why: string[] = [];
  const ns = nsName(spec.poolId, names);
  const tap = tapName(spec.poolId, names);
  // VRRP: the device has this agent's own address; the VIP is keepalived's (master only).
  const own = spec.vrrp?.address ?? spec.address;
  const mac = spec.vrrp ? macFor(spec.poolId, owner) : macFor(spec.poolId);
  const ino = view.namespaces.get(ns);
  if (ino === undefined) return [`namespace ${ns} missing`];
  if (!inside) return [`no process to read ${ns} through`];
  if (inside.netnsIno !== ino) return [`HAProxy is not in the current ${ns} (namespace recreated)`];
  if (!bridge) return [`bridge ${spec.network.bridge} not known yet`];

  const port = view.ports.get(tap);
  const { type } = effectivePortType(spec.network, bridge.datapath);
  if (!port) why.push(`OVS port ${tap} missing`);
  else {
    if (port.owner !== owner || port.pool !== spec.poolId) why.push(`OVS port ${tap} not marked ours`);
    if (port.bridge !== bridge.name) why.push(`OVS port ${tap} on ${port.bridge ?? 'no bridge'}`);
    if (port.tag !== spec.network.vlan) why.push(`OVS port ${tap} tag ${port.tag ?? 'none'}`);
    if ((type === 'internal') !== (port.type === 'internal')) why.push(`OVS port ${tap} type "${port.type}"`);
    const ids = port.externalIds;
    if (ids['iface-id'] !== spec.vipId || ids['attached-mac'] !== mac || ids['iface-status'] !== 'active') why.push(`OVS port ${tap} external_ids`);
    if (port.ofport === undefined || port.ofport < 0 || port.error) why.push(`OVS port ${tap} not opened by ovs-vswitchd (${port.error ?? 'no ofport'})`);
  }

  const host = view.hostLinks.get(tap);
  const dev = type === 'veth' ? nsDevName(spec.poolId, names) : tap;
  if (type === 'veth') {
    // The host end's carrier is the peer's state: LOWER_UP only while the namespace end exists and is up.
    if (!host || host.kind !== 'veth' || !isOurs(host.alias, owner, spec.poolId)) why.push(`veth end ${tap} missing on the host`);
    else if (!host.up || !host.lowerUp) why.push(`veth ${tap}/${dev} down`);
    else if (spec.network.mtu !== undefined && host.mtu !== spec.network.mtu) why.push(`${tap} MTU ${host.mtu}`);
  } else if (host) why.push(`${tap} on the host, not in ${ns}`);

  // Inside: the VIP is local, `lo` is up (127.0.0.1 local), nothing else answers there,
  // the subnet route is on the VIP device (gone when the device is down) and the default route is right.
  if (!inside.local.has(own)) why.push(`${own} not on ${dev}`);
  if (!inside.local.has('127.0.0.1')) why.push(`lo down in ${ns}`);
  for (const a of inside.local) if (a !== own && a !== spec.address && !a.startsWith('127.')) why.push(`unexpected address ${a} in ${ns}`);
  const prefix = prefixOf(spec.network.cidr);
  const base = networkBase(spec.network.cidr);
  if (!inside.routes.some((r) => r.dev === dev && r.destination === base && r.prefix === prefix)) why.push(`route ${base}/${prefix} dev ${dev} missing`);
  const defaults = inside.routes.filter((r) => r.destination === '0.0.0.0' && r.prefix === 0);
  const gw = spec.network.gateway;
  if (gw ? defaults.length !== 1 || defaults[0]!.gateway !== gw || defaults[0]!.dev !== dev : defaults.length > 0) {
    why.push(`default route ${defaults.map((r) => `via ${r.gateway} dev ${r.dev}`).join(', ') || 'missing'}`);
  }
  return why;
}
