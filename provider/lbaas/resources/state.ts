/** An agent object as the resource's Terraform state. */
import type { ValueObject } from '../../framework/index.js';
import { stateFromObject } from '../tfschema/values.js';
import type { KindContext } from './kinds.js';
import type { AgentObject } from './wait.js';

export function stateOf(ctx: KindContext, obj: AgentObject, inSync: boolean = obj.in_sync === true): ValueObject {
  return { ...stateFromObject(ctx.schema, obj), in_sync: inSync };
}

/** The idempotency key modifyPlan stored in the planned private data. */
export function idempotencyKeyOf(priv: Buffer | undefined): string | undefined {
  if (!priv?.length) return undefined;
  try {
    const k = (JSON.parse(priv.toString('utf8')) as { idempotency_key?: unknown }).idempotency_key;
    return typeof k === 'string' ? k : undefined;
  } catch {
    return undefined;
  }
}

export function privateWithKey(key: string): Buffer {
  return Buffer.from(JSON.stringify({ idempotency_key: key }));
}
