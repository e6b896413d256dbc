/** Everything one plug of one pool works with, computed once from the spec. */
import type { BridgeInfo } from '../../ovs/bridge.js';
import type { OvsPort } from '../../ovs/port.js';
import { OvsError } from '../../ovs/errors.js';
import { setPortExternalIds, setPortTag } from '../../ovs/port.js';
import type { OvsTarget } from '../../ovs/vsctl.js';
import type { NetnsSnapshot } from '../../netns/ip.js';
import type { DriftLog } from './drift.js';

export interface PlugContext {
  ovs: OvsTarget;
  owner: string;
  stateDir: string;
  bridge: BridgeInfo;
  poolId: string;
  vipId: string;
  /** Namespace name. */
  ns: string;
  /** OVS port / host-side device name. */
  tap: string;
  /** Namespace-side veth end name. */
  nsDev: string;
  mac: string;
  mtu: number | undefined;
  tag: number | undefined;
  drift: DriftLog;
  /**
   * The namespace's links and default routes as found at the start of this
   * plug (empty for a namespace just created). Valid for a device only until
   * the plug changes that device (recreates or moves it).
   */
  snapshot: NetnsSnapshot;
}

/** Marker spec for addPort / setPortExternalIds. */
export function portIds(ctx: PlugContext): { mac: string; ifaceId: string; owner: string; pool: string } {
  return { mac: ctx.mac, ifaceId: ctx.vipId, owner: ctx.owner, pool: ctx.poolId };
}

/** Refuse to build on a port named like ours that is not ours. */
export function assertOurPort(ctx: PlugContext, port: OvsPort | undefined): void {
  if (port && (port.owner !== ctx.owner || port.pool !== ctx.poolId)) {
    throw new OvsError(
      'OVS_NOT_OWNED',
      `port ${ctx.tap} exists but is not ours (lbaas-owner=${port.owner ?? '(none)'}, lbaas-pool=${port.pool ?? '(none)'}); left alone`,
    );
  }
}

/** Tag and external_ids of a port that exists and is on the right bridge. */
export async function fixPortSettings(ctx: PlugContext, port: OvsPort): Promise<void> {
  if (port.tag !== ctx.tag) {
    await setPortTag(ctx.ovs, ctx.tap, ctx.tag);
    ctx.drift.add('port_tag_wrong', `port ${ctx.tap} had VLAN tag ${port.tag ?? 'none'}; set to ${ctx.tag ?? 'none'}`);
  }
  const ids = port.externalIds;
  if (ids['iface-id'] !== ctx.vipId || ids['attached-mac'] !== ctx.mac || ids['iface-status'] !== 'active') {
    await setPortExternalIds(ctx.ovs, ctx.tap, portIds(ctx));
    ctx.drift.add('port_external_ids_wrong', `port ${ctx.tap} external_ids iface-id/attached-mac/iface-status rewritten`);
  }
}
