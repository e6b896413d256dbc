/** Addresses and the default route on the VIP device. */
import { ip, defaultRoutes, type Link, type Route } from './ip.js';

export function prefixOf(cidr: string): number {
  return Number(cidr.split('/')[1]);
}

/** IPv4 global addresses on the device other than the wanted one (to remove). */
export function strayAddresses(link: Link, address: string, prefix: number): string[] {
  return link.addrs
    .filter((a) => a.family === 'inet' && a.scope === 'global' && !(a.local === address && a.prefixlen === prefix))
    .map((a) => `${a.local}/${a.prefixlen}`);
}

export function hasAddress(link: Link, address: string, prefix: number): boolean {
  return link.addrs.some((a) => a.family === 'inet' && a.local === address && a.prefixlen === prefix);
}

export async function addAddress(ns: string, dev: string, address: string, prefix: number): Promise<void> {
  await ip(['addr', 'add', `${address}/${prefix}`, 'dev', dev], { ns });
}

export async function delAddress(ns: string, dev: string, cidr: string): Promise<void> {
  await ip(['addr', 'del', cidr, 'dev', dev], { ns });
}

export type RouteState = 'ok' | 'missing' | 'wrong' | 'unexpected';

/** Compare the namespace's default route(s) with `gateway` via `dev` (no gateway: there must be none). */
export async function routeState(ns: string, dev: string, gateway: string | undefined): Promise<RouteState> {
  return routeStateOf(await defaultRoutes(ns), dev, gateway);
}

/** routeState on default routes already read. */
export function routeStateOf(routes: readonly Route[], dev: string, gateway: string | undefined): RouteState {
  if (!gateway) return routes.length === 0 ? 'ok' : 'unexpected';
  if (routes.length === 0) return 'missing';
  const r = routes[0]!;
  return routes.length === 1 && r.gateway === gateway && r.dev === dev ? 'ok' : 'wrong';
}

export async function setDefaultRoute(ns: string, dev: string, gateway: string): Promise<void> {
  // replace: one command whether a (wrong) default route exists or not.
  await ip(['route', 'replace', 'default', 'via', gateway, 'dev', dev], { ns });
}

export async function flushDefaultRoutes(ns: string): Promise<void> {
  await ip(['-4', 'route', 'flush', 'exact', '0.0.0.0/0'], { ns });
}
