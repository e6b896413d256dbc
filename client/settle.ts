/**
 * Waiting for a write to be live. The agent's `?wait=` answers when the
 * change is on the data plane or when the wait ends (then the object is still
 * PENDING_*); the remaining time is spent polling. Shared by the Pulumi
 * resources and the CLI's --wait.
 */
import type { Kind } from '../schema/resources.js';
import type { LbaasClient } from './index.js';

/** Between two reads of a pending object: the agent reconciles within milliseconds to seconds. */
const POLL_INTERVAL_MS = 250;

export type AgentObject = Record<string, unknown> & { id: string; provisioning_status?: string; revision?: number };

export function isPending(o: AgentObject): boolean {
  return typeof o.provisioning_status === 'string' && o.provisioning_status.startsWith('PENDING_');
}

/** Poll until the object is no longer PENDING_* or `deadline` (ms since epoch) passes. */
export async function settle(client: LbaasClient, kind: Kind, obj: AgentObject, deadline: number): Promise<AgentObject> {
  let cur = obj;
  while (isPending(cur) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
    const next = (await client.get(kind, cur.id)) as AgentObject | null;
    if (!next) throw new Error(`lbaas ${kind} ${cur.id} disappeared while waiting for it to become live`);
    cur = next;
  }
  return cur;
}
