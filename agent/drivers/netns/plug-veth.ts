/**
 * VIP plugged as a veth pair (Neutron's ovs_use_veth): `tap…` on the bridge,
 * `ns-…` in the namespace. The pair is created with its peer directly in the
 * namespace; on a netdev bridge both ends get TX checksum offload off.
 */
import { addPort, deleteOwnedPort, getPort } from '../../ovs/port.js';
import { createVethInto, deleteLink, isVethPair, setLink, txOffloadOff, txOffloadOn } from '../../netns/device.js';
import { getLink, type Link } from '../../netns/ip.js';
import { formatMarker, isOurs } from '../../netns/marker.js';
import { NetnsError } from '../../netns/errors.js';
import { assertOurPort, fixPortSettings, portIds, type PlugContext } from './context.js';

/** Make the veth pair and its OVS port right; returns the device inside the namespace and whether it is new. */
export async function ensureVethPort(ctx: PlugContext): Promise<{ dev: string; fresh: boolean }> {
  let port = await getPort(ctx.ovs, ctx.tap);
  assertOurPort(ctx, port);
  let switched = false;
  if (port?.type === 'internal') {
    // The network switched from internal ports to veth: deleting the port
    // also deletes its tap (wherever it is), freeing the name for the pair.
    await deleteOwnedPort(ctx.ovs, ctx.tap, { owner: ctx.owner, pool: ctx.poolId });
    ctx.drift.add('port_wrong', `OVS port ${ctx.tap} was an internal port; replaced by a veth pair`);
    port = undefined;
    switched = true;
  }
  const pair = await ensurePair(ctx, switched);
  const recreated = pair === 'recreated';
  await ensureOffloadOff(ctx, recreated);
  await ensureLinkSettings(ctx, recreated ? undefined : pair);

  const wrongPlace = port !== undefined && port.bridge !== ctx.bridge.name;
  if (!port || wrongPlace || recreated) {
    // A recreated device is a new netdev: ovs-vswitchd keeps using the one it
    // opened on the deleted device until the port is deleted and added again.
    await addPort(ctx.ovs, { bridge: ctx.bridge.name, name: ctx.tap, internal: false, tag: ctx.tag, ...portIds(ctx), replace: port !== undefined });
    if (!port && !switched) ctx.drift.add('port_missing', `OVS port ${ctx.tap} was missing on ${ctx.bridge.name}; added`);
    else if (port && wrongPlace) ctx.drift.add('port_wrong', `OVS port ${ctx.tap} was on bridge ${port.bridge ?? '?'}; moved to ${ctx.bridge.name}`);
  } else {
    await fixPortSettings(ctx, port);
  }
  return { dev: ctx.nsDev, fresh: recreated };
}

interface Pair {
  host: Link;
  nsEnd: Link;
}

/**
 * The intact pair as found, or 'recreated' when it had to be made again.
 * Inside the namespace the plug's snapshot is used, unless an internal port
 * was just deleted from it (`switched`).
 */
async function ensurePair(ctx: PlugContext, switched: boolean): Promise<Pair | 'recreated'> {
  const inNs = async (name: string) => (switched ? getLink(ctx.ns, name) : ctx.snapshot.links.find((l) => l.name === name));
  const host = await getLink(undefined, ctx.tap);
  const nsEnd = await inNs(ctx.nsDev);
  if (host && nsEnd && isVethPair(host, nsEnd)) return { host, nsEnd };
  if (host) {
    // A host-side device of that name that is not the peer of our namespace
    // end: ours (a pair whose other end was lost) only if it carries our alias.
    if (!isOurs(host.alias, ctx.owner, ctx.poolId)) {
      throw new NetnsError('NETNS_NOT_OWNED', `device ${ctx.tap} exists on the host without our marker; left alone`);
    }
    await deleteLink(ctx.tap, undefined);
  }
  // Anything inside our namespace is ours: a leftover end or internal tap goes.
  if (nsEnd) await deleteLink(ctx.nsDev, ctx.ns);
  const strayTap = await inNs(ctx.tap);
  if (strayTap) await deleteLink(ctx.tap, ctx.ns);
  await createVethInto({
    hostName: ctx.tap,
    nsName: ctx.nsDev,
    ns: ctx.ns,
    mac: ctx.mac,
    mtu: ctx.mtu,
    alias: formatMarker({ owner: ctx.owner, pool: ctx.poolId }),
  });
  ctx.drift.add('device_missing', `veth pair ${ctx.tap}/${ctx.nsDev} was missing or broken; recreated`);
  return 'recreated';
}

async function ensureOffloadOff(ctx: PlugContext, recreated: boolean): Promise<void> {
  if (ctx.bridge.datapath === 'system') return;
  const ends = [[ctx.tap, undefined], [ctx.nsDev, ctx.ns]] as const;
  if (recreated) {
    // A new veth has offload on: no need to read it first (txOffloadOff checks the result).
    for (const [dev, ns] of ends) await txOffloadOff(dev, ns);
    return;
  }
  for (const [dev, ns] of ends) {
    if (await txOffloadOn(dev, ns)) {
      await txOffloadOff(dev, ns);
      if (!recreated) ctx.drift.add('offload_on', `TX checksum offload was on for ${dev} (netdev datapath: TCP would fail); turned off`);
    }
  }
}

/**
 * `found`: the pair as read before. Undefined after recreating it: the host
 * end was created up with the MTU, the namespace end with the MAC and MTU,
 * so only the namespace end needs to be set up; nothing is reported.
 */
async function ensureLinkSettings(ctx: PlugContext, found: Pair | undefined): Promise<void> {
  if (!found) {
    await setLink(ctx.nsDev, ctx.ns, { up: true });
    ctx.drift.changed = true;
    return;
  }
  const add = (kind: string, detail: string) => ctx.drift.add(kind, detail);
  const { host, nsEnd } = found;
  if (host && (!host.up || (ctx.mtu !== undefined && host.mtu !== ctx.mtu))) {
    await setLink(ctx.tap, undefined, { up: true, ...(ctx.mtu !== undefined ? { mtu: ctx.mtu } : {}) });
    add(!host.up ? 'device_down' : 'mtu_wrong', `${ctx.tap}: up, mtu ${ctx.mtu ?? host.mtu}`);
  }
  if (nsEnd) {
    const wrongMtu = ctx.mtu !== undefined && nsEnd.mtu !== ctx.mtu;
    const wrongMac = nsEnd.mac !== ctx.mac;
    if (!nsEnd.up || wrongMtu || wrongMac) {
      await setLink(ctx.nsDev, ctx.ns, { up: true, ...(wrongMac ? { mac: ctx.mac } : {}), ...(ctx.mtu !== undefined ? { mtu: ctx.mtu } : {}) });
      if (!nsEnd.up) add('device_down', `${ctx.nsDev} in ${ctx.ns} was down; set up`);
      if (wrongMtu) add('mtu_wrong', `${ctx.nsDev} had MTU ${nsEnd.mtu}; set ${ctx.mtu}`);
      if (wrongMac) add('mac_wrong', `${ctx.nsDev} had MAC ${nsEnd.mac}; set ${ctx.mac}`);
    }
  }
}
