/**
 * VIP plugged as an OVS internal port (Neutron's default): OVS creates the
 * `tap…` device, we move it into the namespace. On the netdev datapath that
 * device is a tap held by ovs-vswitchd; after a vswitchd restart the one in
 * the namespace is dead (UP without carrier) and a new one appears on the
 * host: the dead one is deleted and the new one moved in (`device_stale`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { addPort, deleteOwnedPort, getPort } from '../../ovs/port.js';
import { deleteLink, moveToNetns, setLink } from '../../netns/device.js';
import { getLink, type Link } from '../../netns/ip.js';
import { isOurs } from '../../netns/marker.js';
import { NetnsError } from '../../netns/errors.js';
import { NetnsDriverError } from './errors.js';
import { assertOurPort, fixPortSettings, portIds, type PlugContext } from './context.js';

/**
 * ovs-vsctl returns once ovs-vswitchd has applied the change, which includes
 * creating the device; a few short polls cover a device that shows up a
 * moment later (netlink notification order) without hiding a real failure.
 */
const DEVICE_APPEAR_ATTEMPTS = 10;
const DEVICE_APPEAR_DELAY_MS = 50;

/** Returns the device name in the namespace and whether it is a new device there (so its address is new too). */
export async function ensureInternalPort(ctx: PlugContext): Promise<{ dev: string; fresh: boolean }> {
  let port = await getPort(ctx.ovs, ctx.tap);
  assertOurPort(ctx, port);
  let added = false;
  if (port && (port.type !== 'internal' || port.bridge !== ctx.bridge.name)) {
    // Switched from veth (or moved to another bridge): drop the old port and its pair.
    await deleteOwnedPort(ctx.ovs, ctx.tap, { owner: ctx.owner, pool: ctx.poolId });
    await dropOldVeth(ctx);
    ctx.drift.add('port_wrong', `OVS port ${ctx.tap} was type "${port.type}" on ${port.bridge ?? '?'}; replaced by an internal port on ${ctx.bridge.name}`);
    port = undefined;
    await addInternal(ctx, false);
    added = true;
  } else if (!port) {
    await addInternal(ctx, false);
    added = true;
    ctx.drift.add('port_missing', `OVS port ${ctx.tap} was missing on ${ctx.bridge.name}; added`);
  } else {
    await fixPortSettings(ctx, port);
  }

  // A port just (re)added has a new tap (on the host); otherwise the plug's snapshot shows the namespace.
  let inNs = added ? await getLink(ctx.ns, ctx.tap) : ctx.snapshot.links.find((l) => l.name === ctx.tap);
  let stale = false;
  if (inNs && isStale(ctx, inNs)) {
    stale = true;
    await deleteLink(ctx.tap, ctx.ns);
    ctx.drift.add('device_stale', `${ctx.tap} in ${ctx.ns} had lost ovs-vswitchd (no carrier); replaced`);
    inNs = undefined;
  }
  if (!inNs) {
    const onHost = await getLink(undefined, ctx.tap);
    if (!onHost && !added) {
      // The port row is there but its device is gone: re-adding the port makes OVS create it again.
      await addInternal(ctx, true);
      added = true;
      ctx.drift.add('device_missing', `${ctx.tap} existed in OVS but had no device; port re-added`);
    }
    if (!onHost) await waitForDevice(ctx.tap);
    await moveToNetns(ctx.tap, ctx.ns);
    // After a stale tap or a new port, moving the new device in is part of that repair.
    if (!added && !stale) ctx.drift.add('device_not_in_namespace', `${ctx.tap} was on the host, not in ${ctx.ns}; moved`);
    ctx.drift.changed = true;
    inNs = await getLink(ctx.ns, ctx.tap);
    if (!inNs) throw new NetnsDriverError('NETNS_DRIVER_PLUG_FAILED', `${ctx.tap} did not arrive in ${ctx.ns}`);
    await ensureSettings(ctx, inNs, true);
    return { dev: ctx.tap, fresh: true };
  }
  await ensureSettings(ctx, inNs, added);
  return { dev: ctx.tap, fresh: added };
}

function isStale(ctx: PlugContext, l: Link): boolean {
  // Only netdev taps die this way; a kernel internal port (kind openvswitch) keeps its carrier.
  return ctx.bridge.datapath !== 'system' && l.kind === 'tun' && l.up && !l.lowerUp;
}

async function addInternal(ctx: PlugContext, replace: boolean): Promise<void> {
  await addPort(ctx.ovs, { bridge: ctx.bridge.name, name: ctx.tap, internal: true, tag: ctx.tag, ...portIds(ctx), replace });
}

async function waitForDevice(name: string): Promise<void> {
  for (let i = 0; i < DEVICE_APPEAR_ATTEMPTS; i++) {
    if (await getLink(undefined, name)) return;
    await sleep(DEVICE_APPEAR_DELAY_MS);
  }
  throw new NetnsDriverError('NETNS_DRIVER_PLUG_FAILED', `OVS created no device ${name} for the internal port`);
}

/** Remove the pair of a former veth plugging: the namespace end goes with the host end. */
async function dropOldVeth(ctx: PlugContext): Promise<void> {
  const host = await getLink(undefined, ctx.tap);
  if (host?.kind === 'veth') {
    if (!isOurs(host.alias, ctx.owner, ctx.poolId)) throw new NetnsError('NETNS_NOT_OWNED', `device ${ctx.tap} on the host lacks our marker; left alone`);
    await deleteLink(ctx.tap, undefined);
  }
  if (await getLink(ctx.ns, ctx.nsDev)) await deleteLink(ctx.nsDev, ctx.ns);
}

async function ensureSettings(ctx: PlugContext, l: Link, fresh: boolean): Promise<void> {
  const wrongMtu = ctx.mtu !== undefined && l.mtu !== ctx.mtu;
  const wrongMac = l.mac !== ctx.mac;
  if (l.up && !wrongMtu && !wrongMac) return;
  await setLink(ctx.tap, ctx.ns, { up: true, ...(wrongMac ? { mac: ctx.mac } : {}), ...(wrongMtu ? { mtu: ctx.mtu! } : {}) });
  ctx.drift.changed = true;
  // A device just created or moved in is expected to need all of this.
  if (fresh || ctx.drift.items.some((d) => d.kind.startsWith('device_'))) return;
  if (!l.up) ctx.drift.add('device_down', `${ctx.tap} in ${ctx.ns} was down; set up`);
  if (wrongMtu) ctx.drift.add('mtu_wrong', `${ctx.tap} had MTU ${l.mtu}; set ${ctx.mtu}`);
  if (wrongMac) ctx.drift.add('mac_wrong', `${ctx.tap} had MAC ${l.mac}; set ${ctx.mac}`);
}
