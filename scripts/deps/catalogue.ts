/**
 * The one place that knows which system tools lbaas needs, which Debian
 * packages provide them and why. The test, demo and benchmark set-up
 * (installer) and the test gates (test/harness/requires.ts) read this list;
 * nothing else names a system package.
 */
export interface ToolGroup {
  /** Stable name used by tests and benchmarks: `requires(test, 'ovs')`. */
  name: string;
  /** Commands that must all be on PATH for the group to count as present. */
  commands: readonly string[];
  /** Debian packages that provide them (apt-get install). */
  apt: readonly string[];
  /** What needs it, shown when it is installed or skipped. */
  why: string;
  /** Needs root to be useful (namespaces, OVS, keepalived). */
  root?: boolean;
  /** PyPI requirements installed into the project's tool venv (.cache/tools/venv); `apt` then lists what the venv needs. */
  pip?: readonly string[];
  /** A Go module built with `go install <module@version>` (into ~/go/bin) when Go is there; no Debian package. */
  go?: string;
  /** Which commands install it when it is missing (default: `npm test` and `npm run bench`). */
  usedBy?: readonly Purpose[];
}

/** The commands that run the installer (scripts/deps/install.ts --for <purpose>). */
export type Purpose = 'test' | 'bench' | 'demo';
export const PURPOSES: readonly Purpose[] = ['test', 'bench', 'demo'];
const DEFAULT_USED_BY: readonly Purpose[] = ['test', 'bench'];

export function usedBy(g: ToolGroup): readonly Purpose[] {
  return g.usedBy ?? DEFAULT_USED_BY;
}

export const TOOL_GROUPS: readonly ToolGroup[] = [
  { name: 'haproxy', commands: ['haproxy'], apt: ['haproxy'], why: 'the data plane of every load balancer (local and netns drivers)', usedBy: ['test', 'bench', 'demo'] },
  { name: 'netns', commands: ['ip', 'ethtool', 'arping'], apt: ['iproute2', 'ethtool', 'arping'], why: 'network namespaces, veth ports, TX offload and gratuitous ARP (netns driver)', root: true },
  { name: 'ovs', commands: ['ovs-vsctl', 'ovs-vswitchd', 'ovsdb-server', 'ovsdb-tool'], apt: ['openvswitch-switch'], why: 'the bridge VIP ports and test hosts plug into (netns driver)', root: true },
  { name: 'socat', commands: ['socat'], apt: ['socat'], why: 'talking to HAProxy stats sockets from tests' },
  { name: 'etcd', commands: ['etcd', 'etcdctl'], apt: ['etcd-server', 'etcd-client'], why: 'cluster mode: the shared desired state of several agents' },
  { name: 'keepalived', commands: ['keepalived'], apt: ['keepalived'], why: 'ACTIVE_STANDBY pools: VRRP failover of the VIP', root: true },
  { name: 'schemathesis', commands: ['schemathesis'], apt: ['python3-venv'], pip: ['schemathesis>=4,<5'], why: 'the OpenAPI contract test (fuzzes the agent against its own /openapi.json)' },
  { name: 'wrk', commands: ['wrk'], apt: ['wrk'], why: 'load generation in benchmarks' },
  { name: 'terraform', commands: ['terraform'], apt: [], go: 'github.com/hashicorp/terraform@v1.6.0', why: 'end-to-end tests of the provider with the real Terraform CLI, and the demo\'s terraform apply', usedBy: ['test', 'bench', 'demo'] },
  {
    name: 'arm64-emulation',
    commands: ['qemu-aarch64'],
    apt: ['qemu-user', 'libc6-arm64-cross', 'libstdc++6-arm64-cross'],
    why: 'running the linux_arm64 provider executable on an amd64 host (user-mode qemu with the arm64 C and C++ runtime under /usr/aarch64-linux-gnu)',
  },
];

export function toolGroup(name: string): ToolGroup {
  const g = TOOL_GROUPS.find((x) => x.name === name);
  if (!g) throw new Error(`unknown tool group "${name}" (known: ${TOOL_GROUPS.map((x) => x.name).join(', ')})`);
  return g;
}
