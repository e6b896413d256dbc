/** The VIP address on the namespace device and the default route via the network's gateway. */
import { getLink } from '../../netns/ip.js';
import { addAddress, delAddress, flushDefaultRoutes, hasAddress, routeState, setDefaultRoute, strayAddresses } from '../../netns/l3.js';
import { NetnsDriverError } from './errors.js';
import type { PlugContext } from './context.js';

export async function ensureL3(ctx: PlugContext, dev: string, address: string, prefix: number, gateway: string | undefined): Promise<void> {
  const link = await getLink(ctx.ns, dev);
  if (!link) throw new NetnsDriverError('NETNS_DRIVER_PLUG_FAILED', `${dev} vanished from ${ctx.ns} while plugging`);
  if (!hasAddress(link, address, prefix)) {
    await addAddress(ctx.ns, dev, address, prefix);
    ctx.drift.add('address_missing', `${address}/${prefix} was missing on ${dev} in ${ctx.ns}; added`);
  }
  // The namespace is ours: any other global IPv4 address on the VIP device is
  // a leftover (e.g. of a replaced VIP) that would answer ARP for nothing.
  for (const cidr of strayAddresses(link, address, prefix)) {
    await delAddress(ctx.ns, dev, cidr);
    ctx.drift.add('address_unexpected', `${cidr} on ${dev} in ${ctx.ns} removed`);
  }
  // After the address: the gateway must be on-link when the route is added.
  const state = await routeState(ctx.ns, dev, gateway);
  if (state === 'ok') return;
  if (state !== 'missing') await flushDefaultRoutes(ctx.ns);
  if (gateway) await setDefaultRoute(ctx.ns, dev, gateway);
  const what = gateway ? `default via ${gateway} dev ${dev}` : 'no default route';
  ctx.drift.add(`route_${state}`, `${ctx.ns}: default route ${state}; now ${what}`);
}
