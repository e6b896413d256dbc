/**
 * What the cluster decides for one ACTIVE_STANDBY pool, the input of every
 * hosting agent's HA data plane (agent/ha/member.ts). In cluster mode the
 * scheduler writes it with the pool's placement; VRRP addresses and the
 * virtual_router_id come from create-if-absent allocations (allocate.ts).
 */
export interface HaAgentSlot {
  agentId: string;
  /** This agent's own address on the VIP's network: VRRP adverts and HAProxy's source. */
  vrrpAddress: string;
}

export interface HaAssignment {
  /** 1-255, never shared by two pools on one network. */
  vrid: number;
  /** The hosting agents, in priority order (the first wins the first election). */
  agents: readonly HaAgentSlot[];
  /** Seconds between VRRP adverts (default 0.1). */
  advertInt?: number;
  /** Give the master role back to the first agent when it returns (default false: no second outage). */
  preempt?: boolean;
}

/** Priority of the n-th agent: 100, 90, 80… (1-254 in VRRP). */
export function priorityOf(index: number): number {
  return Math.max(1, 100 - 10 * index);
}
