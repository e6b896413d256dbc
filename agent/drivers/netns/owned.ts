/**
 * Pool ids with plumbing owned by this agent, for adoption at start and
 * orphan removal: marked namespaces (and unmarked ones with our intent file),
 * OVS ports with our lbaas-owner, host-side veth ends with our alias.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { listOwnedPorts } from '../../ovs/port.js';
import type { OvsTarget } from '../../ovs/vsctl.js';
import { namespaceState } from '../../netns/namespace.js';
import { listLinks, listNetns, loOfAllNetns } from '../../netns/ip.js';
import { hasIntent, isOurs, parseMarker } from '../../netns/marker.js';
import { nsName, poolIdOfNs, type NameScheme } from '../../netns/names.js';

/** Namespaces the batch read missed are checked one `ip` run each, a few at a time. */
const NAMESPACE_CHECK_CONCURRENCY = 8;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function listOwnedPools(deps: { ovs: OvsTarget; owner: string; stateDir: string; names?: NameScheme }): Promise<string[]> {
  const ids = new Set<string>();
  const ctx = { owner: deps.owner, stateDir: deps.stateDir, ...(deps.names ? { names: deps.names } : {}) };

  const all = (await listNetns()).map((n) => poolIdOfNs(n, deps.names)).filter((id): id is string => id !== undefined);
  // Markers of all namespaces in one run; those it could not read are checked one by one below.
  const los = all.length > 0 ? await loOfAllNetns() : undefined;
  const candidates: string[] = [];
  for (const id of all) {
    const lo = los?.get(nsName(id, deps.names));
    if (!lo) candidates.push(id);
    else if (isOurs(lo.alias, deps.owner, id) || (parseMarker(lo.alias) === undefined && (await hasIntent(deps.stateDir, id)))) ids.add(id);
  }
  for (let i = 0; i < candidates.length; i += NAMESPACE_CHECK_CONCURRENCY) {
    const batch = candidates.slice(i, i + NAMESPACE_CHECK_CONCURRENCY);
    // A namespace that cannot be read right now (being created or deleted by
    // someone else) is skipped: if it is ours, the next audit sees it.
    const states = await Promise.all(batch.map(async (id) => ({ id, st: await namespaceState(id, ctx).catch(() => undefined) })));
    for (const { id, st } of states) {
      if (!st) continue;
      if (st.owned || (st.exists && st.marker === undefined && (await hasIntent(deps.stateDir, id)))) ids.add(id);
    }
  }

  for (const p of await listOwnedPorts(deps.ovs, deps.owner)) {
    if (p.pool && UUID.test(p.pool)) ids.add(p.pool);
  }

  for (const l of await listLinks(undefined)) {
    const m = parseMarker(l.alias);
    if (m && m.owner === deps.owner && UUID.test(m.pool)) ids.add(m.pool);
  }

  // An intent file without a namespace: we died before `ip netns add`; unplug clears it.
  const intents = await readdir(path.join(deps.stateDir, 'netns-intent')).catch(() => [] as string[]);
  for (const id of intents) if (UUID.test(id)) ids.add(id);

  return [...ids].sort();
}
