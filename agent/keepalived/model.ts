/**
 * What one pool's keepalived must do on this agent, and the one place that
 * checks every value before it can reach keepalived.conf: numbers in range,
 * addresses dotted-quad IPv4, names and paths from a small character set (no
 * quotes, braces, spaces or newlines, which would change the config's meaning).
 */
import path from 'node:path';
import { isIPv4 } from '../../schema/common.js';
import { KeepalivedError } from './errors.js';

export interface VrrpInput {
  poolId: string;
  /** This agent's id, keepalived's router_id (logs only). */
  agentId: string;
  /** 1-255, unique per L2 segment (allocated per network). */
  vrid: number;
  /** Device inside the pool namespace that carries the VRRP address. */
  interface: string;
  /** This agent's own address on the network (adverts come from it). */
  selfAddress: string;
  /** The other agents' VRRP addresses (unicast: no multicast on the bridge). */
  peers: readonly string[];
  /** The VIP: a virtual_ipaddress, present on the master only. */
  vip: string;
  prefix: number;
  /** 1-254; the higher one wins an election. */
  priority: number;
  /** Seconds between adverts, VRRPv3 centiseconds: 0.01-40.95. Default 0.1. */
  advertInt?: number;
  /** Take the master role back when this agent has the higher priority. Default false (nopreempt). */
  preempt?: boolean;
  /** Absolute path of the HAProxy check (agent/keepalived/script.ts). */
  checkScript: string;
  /** Port of HAProxy's health frontend on 127.0.0.1 in the namespace. */
  healthPort: number;
  /** Absolute path of the notify FIFO. */
  notifyFifo: string;
  /** Seconds between gratuitous ARP refreshes while master. Default 10. */
  garpRefresh?: number;
}

export type VrrpModel = Required<VrrpInput> & { instance: string };

export const DEFAULT_ADVERT_INT = 0.1;
export const DEFAULT_GARP_REFRESH = 10;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const AGENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Linux interface names as the netns driver makes them (IFNAMSIZ 15). */
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;
/** Characters a path may have to stay one unquoted keepalived token. */
const SAFE_PATH = /^\/[A-Za-z0-9_./:-]+$/;

function int(v: number, lo: number, hi: number): boolean {
  return Number.isInteger(v) && v >= lo && v <= hi;
}

/** VRRPv3 carries the interval in centiseconds (12 bits). */
function centiseconds(v: number): boolean {
  const cs = Math.round(v * 100);
  return Number.isFinite(v) && Math.abs(v * 100 - cs) < 1e-6 && cs >= 1 && cs <= 4095;
}

export function normalizeVrrp(i: VrrpInput): VrrpModel {
  const bad = (field: string, want: string, got: unknown) =>
    new KeepalivedError('KEEPALIVED_INVALID', `${field}: expected ${want}, got ${JSON.stringify(got)}`, field);
  if (!UUID.test(i.poolId)) throw bad('poolId', 'a lower-case UUID', i.poolId);
  if (!AGENT_ID.test(i.agentId)) throw bad('agentId', '1-64 of A-Z a-z 0-9 _ . : -', i.agentId);
  if (!int(i.vrid, 1, 255)) throw bad('vrid', 'an integer 1-255', i.vrid);
  if (!IFNAME.test(i.interface)) throw bad('interface', 'an interface name (1-15 of A-Z a-z 0-9 _ . -)', i.interface);
  if (!isIPv4(i.selfAddress)) throw bad('selfAddress', 'an IPv4 address', i.selfAddress);
  if (i.peers.length < 1 || i.peers.length > 8) throw bad('peers', '1-8 peer addresses', i.peers);
  i.peers.forEach((p, n) => {
    if (!isIPv4(p)) throw bad(`peers[${n}]`, 'an IPv4 address', p);
    if (p === i.selfAddress) throw bad(`peers[${n}]`, 'an address other than selfAddress', p);
  });
  if (!isIPv4(i.vip)) throw bad('vip', 'an IPv4 address', i.vip);
  if (i.vip === i.selfAddress || i.peers.includes(i.vip)) throw bad('vip', 'an address no agent uses as its VRRP address', i.vip);
  if (!int(i.prefix, 1, 32)) throw bad('prefix', 'an integer 1-32', i.prefix);
  if (!int(i.priority, 1, 254)) throw bad('priority', 'an integer 1-254 (255 is the address owner)', i.priority);
  const advertInt = i.advertInt ?? DEFAULT_ADVERT_INT;
  if (!centiseconds(advertInt)) throw bad('advertInt', 'seconds 0.01-40.95 in steps of 0.01', advertInt);
  const garpRefresh = i.garpRefresh ?? DEFAULT_GARP_REFRESH;
  if (!int(garpRefresh, 1, 3600)) throw bad('garpRefresh', 'whole seconds 1-3600', garpRefresh);
  if (!int(i.healthPort, 1, 65535)) throw bad('healthPort', 'a port 1-65535', i.healthPort);
  for (const [field, p] of [['checkScript', i.checkScript], ['notifyFifo', i.notifyFifo]] as const) {
    if (!SAFE_PATH.test(p) || path.normalize(p) !== p) throw bad(field, 'a normalized absolute path of A-Z a-z 0-9 _ . / : -', p);
  }
  return {
    ...i,
    peers: [...i.peers],
    advertInt,
    preempt: i.preempt ?? false,
    garpRefresh,
    // Instance names appear in notify lines: derived from the pool id, never from user text.
    instance: `lb_${i.poolId.replace(/-/g, '').slice(0, 16)}`,
  };
}
