/**
 * Internal port or veth pair for a network on a given datapath.
 *
 * Finding on the userspace (netdev) datapath, OVS 3.1: an internal port is a
 * tap device held open by ovs-vswitchd. It can be moved into the namespace and
 * carries TCP (offload already off), but when ovs-vswitchd restarts, the tap
 * in the namespace loses its owner (no carrier, traffic stops) while a fresh
 * tap of the same name appears in the host namespace; OVS also keeps trying to
 * manage by name a device it can no longer see. A veth pair attached to the
 * bridge survives a vswitchd restart untouched. So on netdev the default is
 * veth; an explicit `port_type: internal` is honoured and its dead tap is
 * repaired by the audit (drift `device_stale`).
 */
import type { Network } from '../../../schema/network.js';
import type { BridgeInfo } from '../../ovs/bridge.js';

export type PortType = 'internal' | 'veth';

export function effectivePortType(net: Network, datapath: BridgeInfo['datapath']): { type: PortType; why: string } {
  if (net.port_type) return { type: net.port_type, why: 'configured' };
  if (datapath === 'system') return { type: 'internal', why: 'default on the kernel datapath' };
  return { type: 'veth', why: 'default on the userspace datapath (internal ports do not survive an ovs-vswitchd restart there)' };
}
