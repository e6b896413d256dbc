/**
 * Data-plane drift as Terraform sees it. The agent repairs drift on its own
 * and records it (drift_events, newest first); it reports in_sync = false
 * only while a drift is not repaired. So that a repaired drift still shows up
 * in `terraform plan`, a refresh marks the object out of sync when the agent
 * says so OR when it lists drift events newer than any the state already
 * holds; the mark stays until an apply acknowledges it (modifyPlan plans
 * `in_sync = true`, update re-converges the pool and stores the events).
 */
import { getAttr, isObject, type Value, type ValueObject } from '../../framework/index.js';

interface EventLike {
  at?: unknown;
}

function newestAt(events: readonly EventLike[]): number {
  let newest = -Infinity;
  for (const e of events) {
    const t = typeof e.at === 'string' ? Date.parse(e.at) : NaN;
    if (!Number.isNaN(t) && t > newest) newest = t;
  }
  return newest;
}

function eventsOf(v: Value): EventLike[] | null {
  if (!Array.isArray(v)) return null;
  return v.filter(isObject).map((e) => ({ at: getAttr(e, 'at') }));
}

/**
 * in_sync for a refreshed state. `prior` is the state before the refresh
 * (null attributes after an import: then every event counts as known).
 */
export function refreshedInSync(prior: ValueObject, agentInSync: boolean, agentEvents: readonly EventLike[]): boolean {
  if (!agentInSync) return false;
  if (getAttr(prior, 'in_sync') === false) return false;
  const known = eventsOf(getAttr(prior, 'drift_events'));
  if (known === null) return true;
  const seen = newestAt(known);
  return !agentEvents.some((e) => typeof e.at === 'string' && Date.parse(e.at) > seen);
}

/** Drift events of the state that the agent had not reported before (for messages). */
export function unacknowledged(prior: ValueObject, agentEvents: readonly EventLike[]): EventLike[] {
  const known = eventsOf(getAttr(prior, 'drift_events'));
  if (known === null) return [];
  const seen = newestAt(known);
  return agentEvents.filter((e) => typeof e.at === 'string' && Date.parse(e.at) > seen);
}
