/**
 * Reading and changing links, addresses and routes with iproute2. Reads use
 * `ip -j -d` (JSON, with link kind and alias); `-n <ns>` instead of
 * `ip netns exec` because it needs no mount namespace and is cheaper.
 */
import { CommandError, run, type RunResult } from '../exec/run.js';
import { NetnsError } from './errors.js';

export interface Addr {
  family: string;
  local: string;
  prefixlen: number;
  scope: string;
}

export interface Link {
  name: string;
  ifindex: number;
  /** linkinfo.info_kind: 'veth', 'tun' (internal port, netdev datapath), 'openvswitch' (internal port, kernel datapath)… */
  kind: string | undefined;
  flags: string[];
  /** Administratively up. */
  up: boolean;
  /** Carrier present. An UP tap without carrier has lost its owner (ovs-vswitchd restarted). */
  lowerUp: boolean;
  mtu: number;
  mac: string;
  alias: string | undefined;
  /** ifindex of the veth peer (in the namespace `linkNetnsid` when set). */
  linkIndex: number | undefined;
  linkNetnsid: number | undefined;
  addrs: Addr[];
}

export interface Route {
  gateway: string | undefined;
  dev: string | undefined;
}

/** Run `ip [-n ns] …`; failures become NETNS_COMMAND_FAILED with the CommandError as cause. */
export async function ip(
  args: readonly string[],
  opts: { ns?: string | undefined; reject?: boolean; input?: string } = {},
): Promise<RunResult> {
  const argv = [...(opts.ns ? ['-n', opts.ns] : []), ...args];
  try {
    return await run('ip', argv, { reject: opts.reject ?? true, ...(opts.input !== undefined ? { input: opts.input } : {}) });
  } catch (e) {
    throw new NetnsError('NETNS_COMMAND_FAILED', (e as Error).message, { cause: e });
  }
}

function parseJson(stdout: string, what: string): unknown[] {
  if (!stdout.trim()) return [];
  try {
    const v: unknown = JSON.parse(stdout);
    if (Array.isArray(v)) return v;
  } catch (cause) {
    throw new NetnsError('NETNS_BAD_OUTPUT', `${what}: not JSON: ${stdout.slice(0, 200)}`, { cause });
  }
  throw new NetnsError('NETNS_BAD_OUTPUT', `${what}: expected a JSON array`);
}

type Json = Record<string, unknown>;

/** `ip -all netns exec` over a few hundred quiet namespaces takes well under a second. */
const ALL_NETNS_TIMEOUT_MS = 5_000;

function toLink(j: Json): Link {
  const flags = Array.isArray(j.flags) ? j.flags.map(String) : [];
  const linkinfo = (j.linkinfo ?? {}) as Json;
  const addrs = (Array.isArray(j.addr_info) ? (j.addr_info as Json[]) : []).map((a) => ({
    family: String(a.family ?? ''),
    local: String(a.local ?? ''),
    prefixlen: Number(a.prefixlen ?? 0),
    scope: String(a.scope ?? ''),
  }));
  return {
    name: String(j.ifname ?? ''),
    ifindex: Number(j.ifindex ?? 0),
    kind: typeof linkinfo.info_kind === 'string' ? linkinfo.info_kind : undefined,
    flags,
    up: flags.includes('UP'),
    lowerUp: flags.includes('LOWER_UP'),
    mtu: Number(j.mtu ?? 0),
    mac: String(j.address ?? ''),
    alias: typeof j.ifalias === 'string' ? j.ifalias : undefined,
    linkIndex: typeof j.link_index === 'number' ? j.link_index : undefined,
    linkNetnsid: typeof j.link_netnsid === 'number' ? j.link_netnsid : undefined,
    addrs,
  };
}

/** All links of a namespace (undefined = the agent's own) with their addresses. */
export async function listLinks(ns: string | undefined): Promise<Link[]> {
  const r = await ip(['-j', '-d', 'addr', 'show'], { ns });
  return parseJson(r.stdout, 'ip addr show').map((j) => toLink(j as Json));
}

/** One link, or undefined when it does not exist there. */
export async function getLink(ns: string | undefined, name: string): Promise<Link | undefined> {
  const r = await ip(['-j', '-d', 'addr', 'show', 'dev', name], { ns, reject: false });
  if (r.exitCode !== 0) {
    if (/does not exist/.test(r.stderr)) return undefined;
    throw new NetnsError('NETNS_COMMAND_FAILED', `ip addr show dev ${name}${ns ? ` in ${ns}` : ''}: ${r.stderr.trim()}`);
  }
  const first = parseJson(r.stdout, 'ip addr show dev')[0];
  return first ? toLink(first as Json) : undefined;
}

/** Everything a plug reads inside a namespace, taken in one `ip` run. */
export interface NetnsSnapshot {
  links: Link[];
  /** IPv4 default routes. */
  defaultRoutes: Route[];
}

function toRoutes(rows: unknown[]): Route[] {
  return rows.map((j) => {
    const o = j as Json;
    return { gateway: typeof o.gateway === 'string' ? o.gateway : undefined, dev: typeof o.dev === 'string' ? o.dev : undefined };
  });
}

/**
 * All links (with addresses) and the IPv4 default routes of a namespace in
 * one `ip -batch` run (one JSON array per command, one per line): the audit
 * checks every pool every few seconds, and each process started costs more
 * than what it reads.
 */
export async function snapshotNetns(ns: string): Promise<NetnsSnapshot> {
  const r = await ip(['-j', '-d', '-batch', '-'], { ns, input: 'addr show\nroute show default\n' });
  const [links = '', routes = ''] = r.stdout.split('\n').filter((l) => l.trim());
  return {
    links: parseJson(links, 'ip addr show').map((j) => toLink(j as Json)),
    defaultRoutes: toRoutes(parseJson(routes, 'ip route show default')),
  };
}

/**
 * `lo` of every named namespace, in one `ip -all netns exec` run (iproute2
 * forks one `ip` per namespace, far cheaper than one process per namespace
 * from the agent). Namespaces whose `lo` could not be read (being created or
 * deleted right now) are missing from the map. Undefined when the batch did
 * not finish in time: iproute2 walks /run/netns while it runs, and under heavy
 * namespace churn (many created and deleted at once) that walk can take very
 * long; the caller then reads each namespace on its own.
 */
export async function loOfAllNetns(): Promise<Map<string, Link> | undefined> {
  let stdout: string;
  try {
    stdout = (await run('ip', ['-all', 'netns', 'exec', 'ip', '-j', '-d', 'link', 'show', 'dev', 'lo'], { reject: false, timeoutMs: ALL_NETNS_TIMEOUT_MS }))
      .stdout;
  } catch {
    return undefined;
  }
  const out = new Map<string, Link>();
  let current: string | undefined;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('netns: ')) current = line.slice('netns: '.length);
    else if (current !== undefined && line.startsWith('[')) {
      try {
        const first = (JSON.parse(line) as Json[])[0];
        if (first) out.set(current, toLink(first));
      } catch {
        // unreadable output for this namespace: left out, the caller checks it alone
      }
      current = undefined;
    }
  }
  return out;
}

export async function listNetns(): Promise<string[]> {
  const r = await ip(['-j', 'netns', 'list']);
  return parseJson(r.stdout, 'ip netns list').map((j) => String((j as Json).name ?? '')).filter(Boolean);
}

export async function netnsExists(name: string): Promise<boolean> {
  return (await listNetns()).includes(name);
}

/** IPv4 default routes of a namespace. */
export async function defaultRoutes(ns: string): Promise<Route[]> {
  const r = await ip(['-j', '-4', 'route', 'show', 'default'], { ns });
  return toRoutes(parseJson(r.stdout, 'ip route show default'));
}

/** True when the error is iproute2 saying a namespace is gone (it raced with a delete). */
export function isMissingNetns(e: unknown): boolean {
  const text = e instanceof CommandError ? e.stderr : e instanceof Error ? e.message : '';
  return /Cannot open network namespace/.test(text);
}
