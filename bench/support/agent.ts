/** A real agent for a benchmark (test/harness/agent.ts), stopped with all its HAProxy however the benchmark ends. */
import { startAgent, type AgentHandle } from '../../test/harness/agent.js';
import type { Cleanup } from './cleanup.js';
import { findPids } from './proc.js';
import { reapHaproxy } from './reap.js';

/** The agent's default audit period: benchmarks see the periodic audit as production would. */
export const AUDIT_INTERVAL_S = 5;

export async function startBenchAgent(cleanup: Cleanup): Promise<AgentHandle> {
  const agent = await startAgent({ auditInterval: AUDIT_INTERVAL_S });
  // Registered first so it runs last: after the harness's cleanup has sent its SIGTERMs.
  cleanup.add(`reap HAProxy of ${agent.stateDir}`, () => reapHaproxy(agent.stateDir).then(() => undefined));
  cleanup.add(`agent ${agent.stateDir}`, () => agent.cleanup());
  return agent;
}

/** The agent process's pid, found by its state dir on the command line. */
export function agentPid(agent: AgentHandle): number {
  const pids = findPids((argv) => argv.some((a) => a.endsWith('agent/cli.js')) && argv.includes(agent.stateDir));
  if (pids.length !== 1) throw new Error(`expected one agent process for ${agent.stateDir}, found ${pids.length}`);
  return pids[0]!;
}
