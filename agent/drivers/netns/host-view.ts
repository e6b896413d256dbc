/**
 * One read of the host per audit pass, shared by every pool's check: the
 * named namespaces (a directory listing), every OVS port (one OVSDB
 * JSON-RPC select, no process) and the host's links (one `ip` run). Each
 * pool's own namespace is then read through its HAProxy master's /proc
 * (check.ts), so a pass over N pools starts one process, not ~10 × N.
 */
import { readdir, stat } from 'node:fs/promises';
import type { HostView } from '../driver.js';
import type { OvsPort } from '../../ovs/port.js';
import { readPortTable } from '../../ovs/port-table.js';
import type { OvsTarget } from '../../ovs/vsctl.js';
import { listLinks, type Link } from '../../netns/ip.js';

/** Where `ip netns add` puts its bind mounts. */
export const NETNS_RUN_DIR = '/run/netns';

export interface NetnsHostView extends HostView {
  /** Inode of each named namespace (a recreated namespace has a new one). */
  namespaces: Map<string, number>;
  /** Every OVS port by name. */
  ports: Map<string, OvsPort>;
  /** Links of the host namespace by name. */
  hostLinks: Map<string, Link>;
}

export async function readNamespaces(): Promise<Map<string, number>> {
  const names = await readdir(NETNS_RUN_DIR).catch(() => [] as string[]);
  const out = new Map<string, number>();
  await Promise.all(
    names.map(async (n) => {
      // A namespace being added or deleted right now may not stat: it is not there for this pass.
      const st = await stat(`${NETNS_RUN_DIR}/${n}`).catch(() => undefined);
      if (st) out.set(n, st.ino);
    }),
  );
  return out;
}

export async function readHostView(ovs: OvsTarget): Promise<NetnsHostView> {
  const takenAt = performance.now();
  const [namespaces, ports, links] = await Promise.all([readNamespaces(), readPortTable(ovs), listLinks(undefined)]);
  return { takenAt, namespaces, ports, hostLinks: new Map(links.map((l) => [l.name, l])) };
}
