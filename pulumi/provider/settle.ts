/**
 * Waiting for a write to be live. The agent's `?wait=` answers when the
 * change is on the data plane or when the wait ends (then the object is still
 * PENDING_*); the remaining time is spent polling. An object that ends in
 * ERROR, or is still pending at the deadline, exists all the same: it is
 * reported to the engine as a partial failure (id and outputs kept in state).
 */
import type { LbaasClient } from '../../client/index.js';
import type { Kind } from '../../schema/resources.js';
import { outputsOf } from './values.js';

/** Between two reads of a pending object: the agent reconciles within milliseconds to seconds. */
const POLL_INTERVAL_MS = 250;

export type AgentObject = Record<string, unknown> & { id: string; provisioning_status?: string; revision?: number };

function pending(o: AgentObject): boolean {
  return typeof o.provisioning_status === 'string' && o.provisioning_status.startsWith('PENDING_');
}

/**
 * The shape the dynamic provider host turns into a partial failure
 * (pulumirpc.ErrorResourceInitFailed): `id`, `properties` and `reasons`.
 */
export class ResourceInitError extends Error {
  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    readonly reasons: string[],
  ) {
    super(reasons.join('; '));
    this.name = 'ResourceInitError';
  }
}

/** Poll until the object is no longer PENDING_* or `deadline` (ms since epoch) passes. */
export async function settle(client: LbaasClient, kind: Kind, obj: AgentObject, deadline: number): Promise<AgentObject> {
  let cur = obj;
  while (pending(cur) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
    const next = (await client.get(kind, cur.id)) as AgentObject | null;
    if (!next) throw new Error(`lbaas ${kind} ${cur.id} disappeared while waiting for it to become live`);
    cur = next;
  }
  return cur;
}

/** Throws a partial failure when the object is not live; `extra` (settings) is kept in its outputs. */
export function requireLive(kind: Kind, obj: AgentObject, waitSeconds: number, extra: Record<string, unknown>): void {
  const status = obj.provisioning_status;
  if (status === 'ACTIVE') return;
  const why =
    status === 'ERROR'
      ? `lbaas ${kind} ${obj.id} is in ERROR: ${String(obj.status_message ?? 'no reason given')}`
      : `lbaas ${kind} ${obj.id} is still ${String(status)} after ${waitSeconds} s (raise waitSeconds, or run pulumi refresh later)`;
  throw new ResourceInitError(obj.id, { ...outputsOf(obj), ...extra }, [why]);
}
