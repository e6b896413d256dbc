/**
 * Read-only view of one pool's plumbing for the audit and for humans
 * (`GET` endpoints, logs): what exists, nothing is changed.
 */
import { namespaceState, type OwnerContext } from './namespace.js';
import { defaultRoutes, getLink, listLinks, type Route } from './ip.js';
import { nsDevName, tapName } from './names.js';
import type { Marker } from './marker.js';

export interface DeviceReport {
  name: string;
  kind: string | undefined;
  up: boolean;
  carrier: boolean;
  mtu: number;
  mac: string;
  /** IPv4 addresses as address/prefix. */
  addresses: string[];
}

export interface PoolPlumbingReport {
  namespace: { name: string; exists: boolean; owned: boolean; marker: Marker | undefined };
  /** The VIP device inside the namespace (`ns-…` veth end or `tap…` internal port). */
  device: DeviceReport | undefined;
  /** The host-side `tap…` device, present for veth plugging (and for an internal port not yet moved). */
  hostDevice: DeviceReport | undefined;
  defaultRoutes: Route[];
}

function report(l: { name: string; kind: string | undefined; up: boolean; lowerUp: boolean; mtu: number; mac: string; addrs: { family: string; local: string; prefixlen: number }[] }): DeviceReport {
  return {
    name: l.name,
    kind: l.kind,
    up: l.up,
    carrier: l.lowerUp,
    mtu: l.mtu,
    mac: l.mac,
    addresses: l.addrs.filter((a) => a.family === 'inet').map((a) => `${a.local}/${a.prefixlen}`),
  };
}

export async function inspectPool(poolId: string, ctx: OwnerContext): Promise<PoolPlumbingReport> {
  const ns = await namespaceState(poolId, ctx);
  const tap = tapName(poolId, ctx.names);
  const host = await getLink(undefined, tap);
  let device: DeviceReport | undefined;
  let routes: Route[] = [];
  if (ns.exists) {
    const links = await listLinks(ns.name);
    const dev = links.find((l) => l.name === nsDevName(poolId, ctx.names)) ?? links.find((l) => l.name === tap);
    device = dev ? report(dev) : undefined;
    routes = await defaultRoutes(ns.name);
  }
  return {
    namespace: { name: ns.name, exists: ns.exists, owned: ns.owned, marker: ns.marker },
    device,
    hostDevice: host ? report(host) : undefined,
    defaultRoutes: routes,
  };
}
