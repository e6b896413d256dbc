/**
 * What a client on the network sees of an ACTIVE_STANDBY VIP: which MACs
 * answer ARP for it (arping from the client namespace) and what the client's
 * neighbour table says; and killing processes the way a crash does.
 */
import { run } from '../../../agent/exec/run.js';
import { getLink } from '../../../agent/netns/ip.js';

/** MACs that answered `arping` for `address` from `ns` (lower-case, distinct). */
export async function arpOwners(ns: string, dev: string, address: string): Promise<string[]> {
  const r = await run('arping', ['-c', '3', '-w', '2', '-I', dev, address], { netns: ns, reject: false, timeoutMs: 10_000 });
  const macs = new Set<string>();
  for (const m of `${r.stdout}\n${r.stderr}`.matchAll(/\b([0-9a-f]{2}(?::[0-9a-f]{2}){5})\b/gi)) macs.add(m[1]!.toLowerCase());
  // Habets' arping prints the probing interface's own MAC in its header line; that is not an answer.
  const own = (await getLink(ns, dev))?.mac.toLowerCase();
  if (own) macs.delete(own);
  return [...macs].sort();
}

/** The client's neighbour entry for `address` (lladdr), if any. */
export async function neighMac(ns: string, address: string): Promise<string | undefined> {
  const r = await run('ip', ['-n', ns, '-j', 'neigh', 'show', address], { reject: false });
  const rows = r.exitCode === 0 && r.stdout.trim() ? (JSON.parse(r.stdout) as { lladdr?: string }[]) : [];
  return rows.find((x) => x.lladdr)?.lladdr?.toLowerCase();
}

export function kill9(pids: readonly (number | undefined)[]): void {
  for (const pid of pids) {
    if (pid === undefined) continue;
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
