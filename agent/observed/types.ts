/**
 * Observed state (what the data plane does, as opposed to what was asked):
 * per pool, the objects' operating status and drift history, whether the pool
 * is in sync, the last reconcile error and the desired revision made live.
 * Written by the agent hosting the pool; kept by an ObservedStore so it
 * survives a restart — the journal beside the desired state for one agent,
 * `<prefix>/status/<agent_id>/<pool_id>` in etcd for a cluster.
 */
import type { DriftEvent, OperatingStatus } from '../../schema/common.js';

export interface PoolObserved {
  /** Desired-state generation (cluster: etcd revision) the last successful reconcile made live. */
  applied: number;
  error: string | null;
  in_sync: boolean;
  port_id: string | null;
  /** Object id → its observed fields (only objects that have any). */
  objects: Record<string, { operating?: OperatingStatus; drift?: DriftEvent[] }>;
}

export interface ObservedStore {
  /** Everything this agent persisted earlier, by pool id. */
  load(): Promise<Map<string, PoolObserved>>;
  put(poolId: string, o: PoolObserved): Promise<void>;
  remove(poolId: string): Promise<void>;
  close(): Promise<void>;
}
