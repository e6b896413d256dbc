/**
 * A namespace's IPv4 routes and local addresses read through a process that
 * lives in it (`/proc/<pid>/net/route`, `/proc/<pid>/net/fib_trie`): plain
 * file reads, no `ip netns exec`. The audit reads every pool's namespace this
 * way through its HAProxy master on every pass. It sees what matters for
 * serving (the VIP address is local, its subnet route and the default route
 * are there, `lo` is up); link details (MAC, MTU, markers) are left to the
 * full reads of the periodic deep check.
 */
import { readFile, stat } from 'node:fs/promises';

export interface ProcRoute {
  dev: string;
  destination: string;
  gateway: string;
  /** Prefix length of the mask. */
  prefix: number;
}

/** Little-endian hex from /proc/net/route as a dotted quad. */
function hexIp(h: string): string {
  const n = Number.parseInt(h, 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}

function maskPrefix(h: string): number {
  let n = Number.parseInt(h, 16) >>> 0;
  let bits = 0;
  while (n) {
    bits += n & 1;
    n >>>= 1;
  }
  return bits;
}

/** Main-table IPv4 routes (`/proc/net/route`). */
export function parseProcRoutes(text: string): ProcRoute[] {
  const out: ProcRoute[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    out.push({ dev: f[0]!, destination: hexIp(f[1]!), gateway: hexIp(f[2]!), prefix: maskPrefix(f[7]!) });
  }
  return out;
}

/** Addresses the namespace answers for (`/32 host LOCAL` entries of `/proc/net/fib_trie`). */
export function parseLocalAddresses(text: string): Set<string> {
  const out = new Set<string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    const leaf = /\|-- (\d+\.\d+\.\d+\.\d+)\s*$/.exec(line);
    if (leaf) last = leaf[1];
    else if (last && /\/32 host LOCAL/.test(line)) out.add(last);
  }
  return out;
}

export interface ProcNetView {
  /** Inode of the process's network namespace (compare with /run/netns/<name>). */
  netnsIno: number;
  routes: ProcRoute[];
  local: Set<string>;
}

/** Undefined when the process is gone. */
export async function readProcNet(pid: number): Promise<ProcNetView | undefined> {
  try {
    const [ns, routes, trie] = await Promise.all([
      stat(`/proc/${pid}/ns/net`),
      readFile(`/proc/${pid}/net/route`, 'utf8'),
      readFile(`/proc/${pid}/net/fib_trie`, 'utf8'),
    ]);
    return { netnsIno: ns.ino, routes: parseProcRoutes(routes), local: parseLocalAddresses(trie) };
  } catch {
    return undefined;
  }
}
