/**
 * The VIP device: creating a veth pair straight into the namespace, moving an
 * OVS internal port into it, link settings, and TX checksum offload.
 *
 * Why offload matters: on the userspace (netdev) datapath, packets leaving a
 * veth with TX checksum offload on carry partial checksums that nobody fills
 * in; ARP works, TCP is silently dropped by the receiver. Both ends need
 * `ethtool -K <dev> tx off`. (Internal ports on netdev are taps created by
 * ovs-vswitchd with offload already off.)
 */
import { run } from '../exec/run.js';
import { NetnsError } from './errors.js';
import { ip, type Link } from './ip.js';

export async function createVethInto(opts: {
  hostName: string;
  nsName: string;
  ns: string;
  mac: string;
  mtu: number | undefined;
  alias: string;
}): Promise<void> {
  const mtu = opts.mtu !== undefined ? ['mtu', String(opts.mtu)] : [];
  // One netlink request creates both ends and puts the peer in the namespace,
  // so there is never a half-made pair in the host namespace.
  await ip(['link', 'add', opts.hostName, ...mtu, 'type', 'veth', 'peer', 'name', opts.nsName, 'address', opts.mac, ...mtu, 'netns', opts.ns]);
  // `ip link add` ignores `alias`; set it (and up) right after.
  await ip(['link', 'set', 'dev', opts.hostName, 'up', 'alias', opts.alias]);
}

/** Is this host-side end the peer of that namespace-side end? (veth ends report each other's ifindex.) */
export function isVethPair(host: Link | undefined, nsEnd: Link | undefined): boolean {
  return !!host && !!nsEnd && host.kind === 'veth' && nsEnd.kind === 'veth' && host.linkIndex === nsEnd.ifindex && nsEnd.linkIndex === host.ifindex;
}

export async function moveToNetns(dev: string, ns: string): Promise<void> {
  await ip(['link', 'set', 'dev', dev, 'netns', ns]);
}

/** Delete a link; one that is already gone (e.g. with its namespace, asynchronously) is fine. */
export async function deleteLink(dev: string, ns: string | undefined): Promise<void> {
  const r = await ip(['link', 'delete', 'dev', dev], { ns, reject: false });
  if (r.exitCode !== 0 && !/Cannot find device/.test(r.stderr)) {
    throw new NetnsError('NETNS_COMMAND_FAILED', `ip link delete ${dev}${ns ? ` in ${ns}` : ''}: ${r.stderr.trim()}`);
  }
}

/** Bring a link to the wanted MAC/MTU and up, in one `ip link set`. */
export async function setLink(dev: string, ns: string | undefined, want: { mac?: string; mtu?: number; up?: boolean }): Promise<void> {
  const args = [
    ...(want.mac ? ['address', want.mac] : []),
    ...(want.mtu !== undefined ? ['mtu', String(want.mtu)] : []),
    ...(want.up ? ['up'] : []),
  ];
  if (args.length > 0) await ip(['link', 'set', 'dev', dev, ...args], { ns });
}

/** True when TX checksum offload is on (`ethtool -k`: "tx-checksumming: on"). */
export async function txOffloadOn(dev: string, ns: string | undefined): Promise<boolean> {
  const r = await run('ethtool', ['-k', dev], { netns: ns }).catch((e: unknown) => {
    throw new NetnsError('NETNS_COMMAND_FAILED', `ethtool -k ${dev}: ${(e as Error).message}`, { cause: e });
  });
  return /^tx-checksumming:\s*on/m.test(r.stdout);
}

export async function txOffloadOff(dev: string, ns: string | undefined): Promise<void> {
  // ethtool exits non-zero when nothing changed on some drivers; success is judged by re-reading.
  await run('ethtool', ['-K', dev, 'tx', 'off'], { netns: ns, reject: false });
  if (await txOffloadOn(dev, ns)) {
    throw new NetnsError('NETNS_COMMAND_FAILED', `could not turn TX checksum offload off on ${dev}${ns ? ` in ${ns}` : ''}`);
  }
}
