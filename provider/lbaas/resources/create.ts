/**
 * Create: POST the planned writable values with the Idempotency-Key chosen
 * at plan time (a retried request returns the first result), wait until the
 * object is live, and store what the agent returned.
 */
import { randomUUID } from 'node:crypto';
import type { CreateRequest, CreateResponse } from '../../framework/index.js';
import { bodyOf } from '../tfschema/values.js';
import { reportApiError } from './errors.js';
import type { KindContext } from './kinds.js';
import { apiOf, type ProviderData } from './provider-data.js';
import { idempotencyKeyOf, stateOf } from './state.js';
import { type AgentObject, Deadline, reportNotLive, settle } from './wait.js';

export async function create(ctx: KindContext, req: CreateRequest<ProviderData>, resp: CreateResponse): Promise<void> {
  const api = apiOf(req.providerData, resp.diagnostics);
  if (!api) return;
  const body = bodyOf(req.plan, ctx.writable);
  const deadline = new Deadline(api.timeouts.create);
  let obj: AgentObject | null;
  try {
    obj = (await api.client.create(ctx.kind, body, {
      idempotencyKey: idempotencyKeyOf(req.private) ?? randomUUID(),
      waitSeconds: deadline.waitSeconds(),
    })) as AgentObject;
    obj = await settle(api, ctx.kind, obj, deadline, req.signal);
  } catch (e) {
    reportApiError(resp.diagnostics, `Cannot create ${ctx.typeName}`, e, ctx.schema, api.endpoint, ctx.sets);
    return;
  }
  if (!obj) {
    resp.diagnostics.error(`Cannot create ${ctx.typeName}`, 'The agent created the object but it disappeared while waiting for it to become live (deleted by someone else?).');
    return;
  }
  // Set even on a failure below: the object exists, and Terraform must track it (tainted).
  resp.state = stateOf(ctx, obj);
  reportNotLive(resp.diagnostics, `${ctx.typeName} ${obj.id}`, obj, deadline);
}
