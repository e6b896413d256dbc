/**
 * The VIP address on the namespace device and the default route via the
 * network's gateway. An existing device is compared with the snapshot taken
 * at the start of the plug (setting a device up or its MTU or MAC does not
 * change its addresses, and a device that was down had no routes); a device
 * just created or moved in has neither, so nothing is read for it.
 */
import { addAddress, delAddress, flushDefaultRoutes, hasAddress, routeState, routeStateOf, setDefaultRoute, strayAddresses } from '../../netns/l3.js';
import { NetnsDriverError } from './errors.js';
import type { PlugContext } from './context.js';

export async function ensureL3(
  ctx: PlugContext,
  dev: string,
  newDevice: boolean,
  address: string,
  prefix: number,
  gateway: string | undefined,
  /** Addresses (address/prefix) someone else manages on this device (the VRRP VIP): neither added nor removed. */
  keep: readonly string[] = [],
): Promise<void> {
  if (newDevice) {
    await addAddress(ctx.ns, dev, address, prefix);
    // After the address: the gateway must be on-link when the route is added.
    if (gateway) await setDefaultRoute(ctx.ns, dev, gateway);
    ctx.drift.changed = true;
    return;
  }
  const link = ctx.snapshot.links.find((l) => l.name === dev);
  if (!link) throw new NetnsDriverError('NETNS_DRIVER_PLUG_FAILED', `${dev} vanished from ${ctx.ns} while plugging`);
  let touched = false;
  if (!hasAddress(link, address, prefix)) {
    await addAddress(ctx.ns, dev, address, prefix);
    touched = true;
    ctx.drift.add('address_missing', `${address}/${prefix} was missing on ${dev} in ${ctx.ns}; added`);
  }
  // The namespace is ours: any other global IPv4 address on the VIP device is
  // a leftover (e.g. of a replaced VIP) that would answer ARP for nothing.
  for (const cidr of strayAddresses(link, address, prefix).filter((c) => !keep.includes(c))) {
    await delAddress(ctx.ns, dev, cidr);
    touched = true;
    ctx.drift.add('address_unexpected', `${cidr} on ${dev} in ${ctx.ns} removed`);
  }
  // After the address: the gateway must be on-link when the route is added.
  // Address changes can take routes with them: then read the routes again.
  const state = touched ? await routeState(ctx.ns, dev, gateway) : routeStateOf(ctx.snapshot.defaultRoutes, dev, gateway);
  if (state === 'ok') return;
  if (state !== 'missing') await flushDefaultRoutes(ctx.ns);
  if (gateway) await setDefaultRoute(ctx.ns, dev, gateway);
  const what = gateway ? `default via ${gateway} dev ${dev}` : 'no default route';
  ctx.drift.add(`route_${state}`, `${ctx.ns}: default route ${state}; now ${what}`);
}
