/**
 * Shared by the traffic tests of test/local/: one agent, backends and a load
 * balancer per test, torn down even when the test fails; status polling; the
 * pids of a pool's HAProxy (master and workers, from the master CLI).
 */
import path from 'node:path';
import { parseShowProc } from '../../agent/haproxy/process.js';
import { socketCommand } from '../../agent/haproxy/socket.js';
import type { Kind } from '../../schema/resources.js';
import type { AgentHandle } from '../harness/agent.js';
export { setupLb, type Setup } from '../harness/fixtures.js';
import { eventually } from '../harness/http.js';

/** Status changes are polled from HAProxy every second; this is generous for a loaded 2-core host. */
export const STATUS_TIMEOUT_MS = 20_000;
/** A write with ?wait= returns when live; leave room for a reload on a busy host. */
export const WAIT_S = 20;

export async function operatingStatus(agent: AgentHandle, kind: Kind, id: string): Promise<string | undefined> {
  const o = (await agent.client.get(kind, id)) as { operating_status?: string } | null;
  return o?.operating_status;
}

/** Poll until the object's operating_status is `status`; fails naming the last one seen. */
export async function waitOperating(
  agent: AgentHandle,
  kind: Kind,
  id: string,
  status: string,
  timeoutMs = STATUS_TIMEOUT_MS,
): Promise<void> {
  let last: string | undefined;
  await eventually(async () => (last = await operatingStatus(agent, kind, id)) === status, timeoutMs).catch((err: Error) => {
    throw new Error(`${kind} ${id}: operating_status ${String(last)}, expected ${status} (${err.message})`);
  });
}

export interface HaproxyPids {
  master: number;
  workers: number[];
}

/** Master pid (pid file) and current workers (master CLI `show proc`) of a pool's HAProxy. */
export async function haproxyPids(agent: AgentHandle, poolId: string): Promise<HaproxyPids> {
  const sock = path.join(agent.stateDir, 'pools', poolId, 'master.sock');
  const proc = parseShowProc(await socketCommand(sock, 'show proc'));
  if (!proc) throw new Error(`no answer from ${sock}`);
  const master = agent.haproxyPid(poolId);
  if (master !== proc.masterPid) throw new Error(`pid file says ${String(master)}, master CLI says ${proc.masterPid}`);
  return { master: proc.masterPid, workers: [...proc.workers].sort((a, b) => a - b) };
}

/** Backends by name, for asserting on `Map<name, count>` results. */
export function counts(m: Map<string, number>, name: string): number {
  return m.get(name) ?? 0;
}

/** Successful reconcile runs so far (the agent's /metrics), to wait for audits instead of sleeping. */
export async function reconcileRuns(agent: AgentHandle): Promise<number> {
  const r = await fetch(`${agent.endpoint}/metrics`, { headers: { authorization: `Bearer ${agent.token}` } });
  const m = /^lbaas_reconcile_total\{result="ok"\} (\d+)$/m.exec(await r.text());
  return m ? Number(m[1]) : 0;
}

/** Resolve after at least `n` more reconcile runs (the audit runs every second in tests). */
export async function afterAudits(agent: AgentHandle, n: number): Promise<void> {
  const start = await reconcileRuns(agent);
  await eventually(async () => (await reconcileRuns(agent)) >= start + n, STATUS_TIMEOUT_MS);
}
