/**
 * After the wait (client/settle.ts): an object that ends in ERROR, or is
 * still pending at the deadline, exists all the same: it is reported to the
 * engine as a partial failure (id and outputs kept in state).
 */
import type { Kind } from '../../schema/resources.js';
import type { AgentObject } from '../../client/settle.js';
import { outputsOf } from './values.js';

export { settle, type AgentObject } from '../../client/settle.js';

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
