/**
 * Where pools should run, as a pure function of the cluster view (unit
 * tested): keep a pool on agents that can still host it (or that are gone
 * for less than `reschedule_after`), honour a hint, and otherwise pick the
 * live agent with the pool's network and the fewest pools, ties by id.
 */
export interface PlacementAgent {
  id: string;
  alive: boolean;
  adminUp: boolean;
  networks: string[];
  /** ms since the lease went away (0 while alive). */
  goneMs: number;
}

export interface PlacementPool {
  id: string;
  subnet: string;
  hint: string | null;
  current: string[];
  /** Agents the pool needs (1 = SINGLE; 2 for an active/standby pair). */
  wants: number;
}

export function canHost(a: PlacementAgent | undefined, subnet: string): boolean {
  return a !== undefined && a.alive && a.adminUp && a.networks.includes(subnet);
}

/** pool id → new agent_ids, only for pools whose assignment changes. */
export function place(pools: PlacementPool[], agents: PlacementAgent[], rescheduleAfterMs: number): Map<string, string[]> {
  const byId = new Map(agents.map((a) => [a.id, a]));
  const load = new Map<string, number>(agents.map((a) => [a.id, 0]));
  for (const p of pools) for (const a of p.current) load.set(a, (load.get(a) ?? 0) + 1);
  const out = new Map<string, string[]>();
  for (const p of [...pools].sort((x, y) => x.id.localeCompare(y.id))) {
    const keep = p.current.filter((id) => {
      const a = byId.get(id);
      if (!a || !a.adminUp || !a.networks.includes(p.subnet)) return false;
      return a.alive || a.goneMs < rescheduleAfterMs;
    });
    let next = keep;
    if (p.hint && canHost(byId.get(p.hint), p.subnet) && !keep.includes(p.hint)) next = [p.hint, ...keep].slice(0, p.wants);
    while (next.length < p.wants) {
      const pick = agents
        .filter((a) => canHost(a, p.subnet) && !next.includes(a.id))
        .sort((x, y) => (load.get(x.id) ?? 0) - (load.get(y.id) ?? 0) || x.id.localeCompare(y.id))[0];
      if (!pick) break;
      next = [...next, pick.id];
    }
    if (next.length === p.current.length && next.every((a, i) => a === p.current[i])) continue;
    for (const a of p.current) load.set(a, (load.get(a) ?? 1) - 1);
    for (const a of next) load.set(a, (load.get(a) ?? 0) + 1);
    out.set(p.id, next);
  }
  return out;
}
