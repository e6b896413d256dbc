/**
 * listOwnedPools() from an audit pass's host view: the same answer without
 * reading every namespace's `lo` marker on every pass. A namespace's marker is
 * read once per namespace instance (its inode) and remembered; only
 * namespaces new since the last pass are read, one `ip` run each.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { namespaceState } from '../../netns/namespace.js';
import { loOfAllNetns } from '../../netns/ip.js';
import { hasIntent, isOurs, parseMarker } from '../../netns/marker.js';
import { poolIdOfNs, type NameScheme } from '../../netns/names.js';
import type { NetnsHostView } from './host-view.js';

/** New namespaces are checked a few at a time (each is one `ip` run). */
const NAMESPACE_CHECK_CONCURRENCY = 8;
/**
 * At most this many one by one per pass: with hundreds of other agents'
 * namespaces on a loaded host (the batch read timed out) a start must not
 * wait for all of them. Desired pools are run anyway; an orphan of ours among
 * the rest is found by one of the next passes.
 */
const MAX_SINGLE_CHECKS = 16;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class OwnedNamespaces {
  /** Namespace name → inode and whether that instance carries our marker. */
  private readonly seen = new Map<string, { ino: number; ours: boolean }>();
  private cursor = 0;

  constructor(private readonly ctx: { owner: string; stateDir: string; names?: NameScheme }) {}

  async owned(view: NetnsHostView): Promise<string[]> {
    const ids = new Set<string>();
    const toCheck: string[] = [];
    for (const [ns, ino] of view.namespaces) {
      const id = poolIdOfNs(ns, this.ctx.names);
      if (!id) continue;
      const known = this.seen.get(ns);
      if (known?.ino === ino && (known.ours || !(await hasIntent(this.ctx.stateDir, id)))) {
        if (known.ours) ids.add(id);
      } else toCheck.push(ns);
    }
    for (const ns of this.seen.keys()) if (!view.namespaces.has(ns)) this.seen.delete(ns);
    // Many new ones (the first pass after a start): every marker in one `ip -all netns exec` run.
    if (toCheck.length > NAMESPACE_CHECK_CONCURRENCY) {
      const los = await loOfAllNetns();
      for (const ns of [...toCheck]) {
        const lo = los?.get(ns);
        if (!lo) continue;
        const id = poolIdOfNs(ns, this.ctx.names)!;
        const ours = isOurs(lo.alias, this.ctx.owner, id);
        if (ours || parseMarker(lo.alias) !== undefined || !(await hasIntent(this.ctx.stateDir, id))) {
          this.seen.set(ns, { ino: view.namespaces.get(ns)!, ours });
          if (ours) ids.add(id);
          toCheck.splice(toCheck.indexOf(ns), 1);
        }
      }
    }
    // From a cursor that moves on, so namespaces that cannot be read never starve the others.
    const from = toCheck.length > 0 ? this.cursor % toCheck.length : 0;
    this.cursor += MAX_SINGLE_CHECKS;
    const single = [...toCheck.slice(from), ...toCheck.slice(0, from)].slice(0, MAX_SINGLE_CHECKS);
    for (let i = 0; i < single.length; i += NAMESPACE_CHECK_CONCURRENCY) {
      await Promise.all(
        single.slice(i, i + NAMESPACE_CHECK_CONCURRENCY).map(async (ns) => {
          const id = poolIdOfNs(ns, this.ctx.names)!;
          // Unreadable right now (being created or deleted by someone else): the next pass sees it.
          const st = await namespaceState(id, this.ctx).catch(() => undefined);
          if (!st?.exists) return;
          const intent = st.marker === undefined && (await hasIntent(this.ctx.stateDir, id));
          this.seen.set(ns, { ino: view.namespaces.get(ns)!, ours: st.owned });
          if (st.owned || intent) ids.add(id);
        }),
      );
    }
    for (const p of view.ports.values()) if (p.owner === this.ctx.owner && p.pool && UUID.test(p.pool)) ids.add(p.pool);
    for (const l of view.hostLinks.values()) {
      const m = parseMarker(l.alias);
      if (m && m.owner === this.ctx.owner && UUID.test(m.pool)) ids.add(m.pool);
    }
    // An intent file without a namespace: we died before `ip netns add`; unplug clears it.
    const intents = await readdir(path.join(this.ctx.stateDir, 'netns-intent')).catch(() => [] as string[]);
    for (const id of intents) if (UUID.test(id)) ids.add(id);
    return [...ids].sort();
  }
}
