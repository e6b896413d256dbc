/**
 * One idempotent plug: namespace, VIP port, address, route, GARP. Every
 * missing or wrong piece is repaired and reported as drift; inside a
 * namespace that had to be created everything is missing by definition, so
 * only `namespace_missing` (plus OVS-side findings) is reported then.
 */
import type { PlugResult, PlugSpec } from '../driver.js';
import type { BridgeInfo } from '../../ovs/bridge.js';
import type { OvsTarget } from '../../ovs/vsctl.js';
import { ensureNamespace } from '../../netns/namespace.js';
import { assertPoolId, macFor, nsDevName, tapName, type NameScheme } from '../../netns/names.js';
import { prefixOf } from '../../netns/l3.js';
import type { GarpSender } from '../../netns/garp.js';
import { DriftLog } from './drift.js';
import { effectivePortType } from './port-type.js';
import { ensureInternalPort } from './plug-internal.js';
import { ensureVethPort } from './plug-veth.js';
import { ensureL3 } from './plug-l3.js';
import type { PlugContext } from './context.js';

export interface PlugDeps {
  ovs: OvsTarget;
  owner: string;
  stateDir: string;
  garp: GarpSender;
  /** The bridge of the network, existing (created if needed). */
  bridge: BridgeInfo;
  names?: NameScheme;
}

export async function plugPool(spec: PlugSpec, fresh: boolean, deps: PlugDeps): Promise<PlugResult> {
  const poolId = assertPoolId(spec.poolId);
  const net = spec.network;
  const drift = new DriftLog();
  const ns = await ensureNamespace(poolId, { owner: deps.owner, stateDir: deps.stateDir, ...(deps.names ? { names: deps.names } : {}) });
  drift.addAll(ns.drift);

  const ctx: PlugContext = {
    ovs: deps.ovs,
    owner: deps.owner,
    stateDir: deps.stateDir,
    bridge: deps.bridge,
    poolId,
    vipId: spec.vipId,
    ns: ns.name,
    tap: tapName(poolId, deps.names),
    nsDev: nsDevName(poolId, deps.names),
    // Both agents of a VRRP pair are on one segment: their MACs must differ.
    mac: spec.vrrp ? macFor(poolId, deps.owner) : macFor(poolId),
    mtu: net.mtu,
    tag: net.vlan,
    drift,
    snapshot: ns.snapshot,
  };

  const { type } = effectivePortType(net, deps.bridge.datapath);
  // Inside a new namespace the device, address and route are necessarily new
  // too: consequences, not news. OVS-side findings (port row missing, wrong
  // tag) are still reported.
  drift.quiet = ns.created ? 'devices' : false;
  const { dev, fresh: newDevice } = type === 'veth' ? await ensureVethPort(ctx) : await ensureInternalPort(ctx);
  // Likewise a device that was just (re)created or moved in has no address or
  // route yet: that follows from the device finding already reported.
  if (newDevice) drift.quiet = 'all';
  // VRRP: the device carries this agent's own address; the VIP is keepalived's
  // (present on the master only), so it is left alone rather than removed as stray.
  const prefix = prefixOf(net.cidr);
  const own = spec.vrrp?.address ?? spec.address;
  const keep = spec.vrrp ? [`${spec.address}/${prefix}`] : [];
  await ensureL3(ctx, dev, newDevice, own, prefix, net.gateway, keep);
  drift.quiet = false;

  if (fresh || drift.changed) deps.garp.send(poolId, ns.name, dev, own);
  return { netns: ns.name, portId: ctx.tap, device: dev, drift: fresh ? [] : drift.items };
}
