/**
 * The physical ceiling of the one-armed VIP topology, measured rather than
 * assumed: a second client reaches the member through a "router" namespace
 * on the same bridge that only forwards packets in the kernel (no proxy, no
 * HAProxy). Client → router → member crosses the bridge twice each way,
 * exactly like client → VIP → member, so it costs the switch what the VIP
 * path costs it and nothing else. On the userspace datapath, where
 * ovs-vswitchd forwards every packet, that is expected to be about half of
 * the direct path; the VIP's goal is to come within 0.9 of it.
 *
 * Only routes inside the benchmark's own namespaces change: the second
 * client routes the member's address via the router, the member routes that
 * client's address back via the router. The first client and the VIP keep
 * the direct, on-link path.
 */
import { run } from '../agent/exec/run.js';
import type { TestHost } from '../test/harness/hosts.js';

export interface ForwarderPath {
  router: TestHost;
  client: TestHost;
}

/** Packets the router's interface has sent so far: it forwards every packet of the path, so a run must move this. */
export async function routerTxPackets(router: TestHost): Promise<number> {
  const out = (await run('ip', ['-n', router.ns, '-j', '-s', 'link', 'show', 'dev', router.dev])).stdout;
  const link = (JSON.parse(out) as { stats64?: { tx?: { packets?: number } } }[])[0];
  return Number(link?.stats64?.tx?.packets ?? Number.NaN);
}

export async function routeViaForwarder(router: TestHost, client: TestHost, member: TestHost): Promise<ForwarderPath> {
  // A one-armed router sends every packet back out of the interface it came in on: it must not answer with ICMP redirects.
  await run('sysctl', ['-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.send_redirects=0', `net.ipv4.conf.${router.dev}.send_redirects=0`], { netns: router.ns });
  await run('ip', ['-n', client.ns, 'route', 'add', `${member.address}/32`, 'via', router.address, 'dev', client.dev]);
  await run('ip', ['-n', member.ns, 'route', 'add', `${client.address}/32`, 'via', router.address, 'dev', member.dev]);
  const via = (await run('ip', ['-n', client.ns, 'route', 'get', member.address])).stdout;
  if (!via.includes(`via ${router.address}`)) throw new Error(`client ${client.ns} does not route ${member.address} via the router: ${via}`);
  return { router, client };
}
