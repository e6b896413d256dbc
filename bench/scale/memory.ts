/** Memory of the agent process and of each pool's HAProxy (master + workers), from /proc. */
import type { AgentHandle } from '../../test/harness/agent.js';
import { argvOf, childrenOf, pssBytes, rssBytes } from '../support/proc.js';

export interface HaproxyMemory {
  pools: number;
  processes: number;
  /** Sum of VmRSS over masters and workers (shared pages counted in each process). */
  rssBytes: number;
  /** Sum of PSS: shared pages split between the processes sharing them. */
  pssBytes: number;
  /** Pools whose master was not found running. */
  missing: number;
}

export function haproxyMemory(agent: AgentHandle, poolIds: readonly string[]): HaproxyMemory {
  const m: HaproxyMemory = { pools: poolIds.length, processes: 0, rssBytes: 0, pssBytes: 0, missing: 0 };
  for (const id of poolIds) {
    const master = agent.haproxyPid(id);
    if (master === undefined || rssBytes(master) === undefined) {
      m.missing++;
      continue;
    }
    const workers = childrenOf(master).filter((p) => (argvOf(p)?.[0] ?? '').endsWith('haproxy'));
    for (const pid of [master, ...workers]) {
      m.processes++;
      m.rssBytes += rssBytes(pid) ?? 0;
      m.pssBytes += pssBytes(pid) ?? 0;
    }
  }
  return m;
}
