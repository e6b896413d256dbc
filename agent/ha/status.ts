/**
 * The VIP's `ha` from what the hosting agents report (each writes its own
 * role; in cluster mode under `<prefix>/status/<agent_id>/…`), and the
 * failover events: a change of master with the reason read from what the
 * old master reported last. Pure: the caller keeps the history.
 */
import type { FailoverEvent, FailoverReason, HaStatus, Topology, VrrpRole } from '../../schema/ha.js';

/** Failovers kept per VIP (newest first), like drift events. */
export const FAILOVERS_KEPT = 10;

export interface AgentReport {
  agentId: string;
  role: VrrpRole;
  vrrpAddress: string | null;
  /** The agent's lease is alive (cluster mode); a lost agent is not a master whatever it said last. */
  alive: boolean;
  /** The agent is being drained by an operator. */
  draining?: boolean;
}

export function singleHa(): HaStatus {
  return { topology: 'SINGLE', master_agent_id: null, agents: [], last_failover_at: null, failovers: [] };
}

/** The one master: the live agent reporting MASTER. Two live MASTERs (a partition healing) → the first in assignment order. */
export function masterOf(reports: readonly AgentReport[]): string | null {
  return reports.find((r) => r.alive && r.role === 'MASTER')?.agentId ?? null;
}

function reasonFor(old: AgentReport | undefined, next: string | null, preferred: string | undefined): FailoverReason {
  if (!old) return 'unknown';
  if (old.draining) return 'agent_drained';
  if (!old.alive) return 'peer_lost';
  if (old.role === 'FAULT') return 'haproxy_check_failed';
  if (old.role === 'UNKNOWN') return 'peer_lost';
  if (next !== null && next === preferred) return 'preempted';
  return 'unknown';
}

/**
 * Next `ha` given the previous one and the current reports (assignment
 * order: the first agent has the highest priority).
 */
export function nextHa(topology: Topology, prev: HaStatus | undefined, reports: readonly AgentReport[], now: Date): HaStatus {
  if (topology === 'SINGLE') return { ...singleHa(), last_failover_at: prev?.last_failover_at ?? null, failovers: prev?.failovers ?? [] };
  const master = masterOf(reports);
  const before = prev?.master_agent_id ?? null;
  let failovers = prev?.failovers ?? [];
  let last = prev?.last_failover_at ?? null;
  // The first master of a new pair is an election, not a failover; losing the only master is.
  if (master !== before && (before !== null || failovers.length > 0)) {
    const old = reports.find((r) => r.agentId === before);
    const event: FailoverEvent = {
      at: now.toISOString(),
      from_agent_id: before,
      to_agent_id: master,
      reason: reasonFor(old, master, reports[0]?.agentId),
    };
    failovers = [event, ...failovers].slice(0, FAILOVERS_KEPT);
    last = event.at;
  }
  return {
    topology,
    master_agent_id: master,
    agents: reports.map((r) => ({ agent_id: r.agentId, role: r.alive ? r.role : 'UNKNOWN', vrrp_address: r.vrrpAddress })),
    last_failover_at: last,
    failovers,
  };
}
