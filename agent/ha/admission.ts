/**
 * Whether a pool may be ACTIVE_STANDBY here: it needs cluster mode and two
 * live agents that have the pool's network. Refused with 422 naming
 * `topology` and what is missing; nothing is changed.
 */
import { AgentError } from '../errors.js';

export interface HaCapacity {
  /** False for a single agent with its journal (today's default). */
  clusterMode: boolean;
  /** Live agents that have the network (cluster mode only). */
  agentsWithNetwork?: (network: string) => readonly string[];
  /** Whether the cluster scheduler places VRRP pairs (not yet: the pair's data plane exists, its placement does not). */
  pairsScheduled?: boolean;
}

export const SINGLE_AGENT: HaCapacity = { clusterMode: false };
export const CLUSTER_WITHOUT_PAIRS: HaCapacity = { clusterMode: true, pairsScheduled: false };

export function checkTopology(spec: Record<string, unknown>, capacity: HaCapacity): void {
  if (spec.topology !== 'ACTIVE_STANDBY') return;
  const refuse = (message: string) =>
    new AgentError('ha_unavailable', `topology: ${message}`, { errors: [{ path: ['topology'], message }] });
  if (!capacity.clusterMode) {
    throw refuse('ACTIVE_STANDBY needs cluster mode (several agents sharing etcd); this agent runs alone. Use SINGLE, or configure "cluster" in the agent config');
  }
  if (!capacity.pairsScheduled) {
    throw refuse('ACTIVE_STANDBY is not scheduled by this version of the cluster yet (VRRP pairs are not placed on two agents); use SINGLE');
  }
  const network = String(spec.subnet);
  const live = capacity.agentsWithNetwork?.(network) ?? [];
  if (live.length < 2) {
    throw refuse(`ACTIVE_STANDBY needs two live agents with network "${network}"; found ${live.length}${live.length ? ` (${live.join(', ')})` : ''}`);
  }
}
