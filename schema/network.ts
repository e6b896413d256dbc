/** The agent's config file: the networks a VIP can live on. Validated once at start. */
import { z } from 'zod';
import { ClusterConfig } from './cluster.js';
import { IPv4, NetworkName, cidrContains, ipv4ToInt, parseCidr } from './common.js';

export const InterfaceName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,15}$/, { error: 'must be a Linux interface name: 1-15 characters of A-Z, a-z, 0-9, "_", "." or "-"' });

export const Network = z
  .strictObject({
    name: NetworkName.describe('Name used as `subnet` by pools and VIPs.'),
    bridge: InterfaceName.describe('Open vSwitch bridge the VIP ports are plugged into.'),
    vlan: z.int().min(1).max(4094).optional().describe('VLAN tag of the VIP ports (1-4094).'),
    cidr: z.cidrv4({ error: 'must be an IPv4 CIDR such as 10.0.0.0/24' }).describe('The network, e.g. 10.20.0.0/24.'),
    gateway: IPv4.optional().describe('Default gateway for the load balancer namespaces.'),
    allocation_range: z
      .strictObject({ start: IPv4, end: IPv4 })
      .optional()
      .describe('Range VIP addresses are allocated from when a VIP gives none (default: the whole CIDR minus network, broadcast and gateway).'),
    mtu: z.int().min(576).max(9216).optional().describe('MTU of the VIP ports.'),
    port_type: z
      .enum(['internal', 'veth'])
      .optional()
      .describe('How the VIP is plugged: an OVS internal port (default) or a veth pair like Neutron `ovs_use_veth`.'),
  })
  .superRefine((n, ctx) => {
    const inside = (ip: string | undefined, path: (string | number)[]) => {
      if (ip && !cidrContains(n.cidr, ip)) ctx.addIssue({ code: 'custom', path, message: `${ip} is not inside ${n.cidr}` });
    };
    inside(n.gateway, ['gateway']);
    inside(n.allocation_range?.start, ['allocation_range', 'start']);
    inside(n.allocation_range?.end, ['allocation_range', 'end']);
    if (n.allocation_range && ipv4ToInt(n.allocation_range.start) > ipv4ToInt(n.allocation_range.end)) {
      ctx.addIssue({ code: 'custom', path: ['allocation_range'], message: 'start must not be after end' });
    }
    if (parseCidr(n.cidr).prefix > 30) ctx.addIssue({ code: 'custom', path: ['cidr'], message: 'prefix must be /30 or shorter' });
  });
export type Network = z.infer<typeof Network>;

export const AgentConfig = z
  .strictObject({
    networks: z.array(Network).default([]).describe('Networks the agent can put VIPs on.'),
    cluster: ClusterConfig.optional().describe('Cluster mode: desired state in etcd, shared by several agents.'),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.networks.forEach((n, i) => {
      if (seen.has(n.name)) ctx.addIssue({ code: 'custom', path: ['networks', i, 'name'], message: `duplicate network name ${n.name}` });
      seen.add(n.name);
    });
  });
export type AgentConfig = z.infer<typeof AgentConfig>;

/** The built-in network of the local driver: loopback, VIPs from 127.100.0.0/16. */
export const LOCAL_NETWORK = {
  name: 'local',
  bridge: 'lo',
  cidr: '127.0.0.0/8',
  allocation_range: { start: '127.100.0.1', end: '127.100.255.254' },
} as const satisfies Network;
