/**
 * Update: PUT every updatable planned value with If-Match on the state's
 * revision, wait until live, store the fresh object. The PUT also makes the
 * agent re-converge the pool, which is how a planned `in_sync = true` (drift
 * repair) is carried out. On 412 (changed since the refresh) the object is
 * re-read: a change our PUT overwrites anyway with the planned value, or a
 * set that only lost ids the plan drops too (a monitor detached by its
 * replacement), is retried once; anything else is reported.
 */
import { ApiError } from '../../../client/index.js';
import { type CtyType, type UpdateRequest, type UpdateResponse, type Value, type ValueObject } from '../../framework/index.js';
import { valuesEqual } from '../../protocol/cty/equal.js';
import { bodyOf, stateFromObject } from '../tfschema/values.js';
import { reportApiError } from './errors.js';
import type { KindContext } from './kinds.js';
import { type Api, apiOf, type ProviderData } from './provider-data.js';
import { stateOf } from './state.js';
import { type AgentObject, Deadline, reportNotLive, settle } from './wait.js';

/** Attributes changed outside Terraform since `prior` that the update would silently overwrite. */
export function conflictingChanges(ctx: KindContext, prior: ValueObject, current: ValueObject, plan: ValueObject): string[] {
  const out: string[] = [];
  for (const k of ctx.updatable) {
    const type = ctx.type.attributes[k]!;
    const p: Value = prior[k] ?? null;
    const c: Value = current[k] ?? null;
    const pl: Value = plan[k] ?? null;
    if (valuesEqual(type, p, c) || valuesEqual(type, c, pl)) continue;
    if (type.kind === 'set' && onlyDropped(type, p, c, pl)) continue;
    out.push(k);
  }
  return out;
}

/** `current` is `prior` minus elements that `plan` does not keep either. */
function onlyDropped(type: CtyType & { element: CtyType }, prior: Value, current: Value, plan: Value): boolean {
  if (!Array.isArray(prior) || !Array.isArray(current)) return false;
  const has = (xs: Value, x: Value) => Array.isArray(xs) && xs.some((y) => valuesEqual(type.element, x, y));
  return current.every((x) => has(prior, x)) && prior.filter((x) => !has(current, x)).every((x) => !has(plan, x));
}

export async function update(ctx: KindContext, req: UpdateRequest<ProviderData>, resp: UpdateResponse): Promise<void> {
  const api = apiOf(req.providerData, resp.diagnostics);
  if (!api) return;
  const id = req.state.id as string;
  const what = `${ctx.typeName} ${id}`;
  const body = bodyOf(req.plan, ctx.updatable, (k) => ctx.nullable.includes(k));
  const deadline = new Deadline(api.timeouts.update);
  let obj: AgentObject | null;
  try {
    obj = await put(ctx, api, id, body, Number(req.state.revision), deadline, req, resp);
    if (!obj) return;
    obj = await settle(api, ctx.kind, obj, deadline, req.signal);
  } catch (e) {
    reportApiError(resp.diagnostics, `Cannot update ${what}`, e, ctx.schema, api.endpoint, ctx.sets);
    return;
  }
  if (!obj) {
    resp.diagnostics.error(`Cannot update ${what}`, 'The object was deleted outside Terraform during the update. Run terraform apply again to re-create it.');
    return;
  }
  resp.state = stateOf(ctx, obj);
  reportNotLive(resp.diagnostics, what, obj, deadline);
  if (!resp.diagnostics.hasErrors && obj.in_sync !== true) {
    resp.diagnostics.error(
      `${what}: data plane not in sync`,
      'The agent applied the change but still reports its data plane out of sync (drift it could not repair). See drift_events and the agent log.',
    );
  }
}

async function put(
  ctx: KindContext,
  api: Api,
  id: string,
  body: Record<string, unknown>,
  revision: number,
  deadline: Deadline,
  req: UpdateRequest<ProviderData>,
  resp: UpdateResponse,
): Promise<AgentObject | null> {
  const send = (rev: number) => api.client.update(ctx.kind, id, body, { ifMatch: rev, waitSeconds: deadline.waitSeconds() }) as Promise<AgentObject>;
  try {
    return await send(revision);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 412)) throw e;
  }
  const cur = (await api.client.get(ctx.kind, id)) as AgentObject | null;
  if (!cur) {
    resp.diagnostics.error(`Cannot update ${ctx.typeName} ${id}`, 'The object was deleted outside Terraform since it was read. Run terraform apply again to re-create it.');
    return null;
  }
  const changed = conflictingChanges(ctx, req.state, stateFromObject(ctx.schema, cur), req.plan);
  if (changed.length) {
    resp.diagnostics.error(
      `${ctx.typeName} ${id} changed outside Terraform during this run`,
      `The agent has revision ${cur.revision}, not ${revision} as read at plan time, with different ${changed.join(', ')}. Nothing was changed; run terraform plan again to see the current differences.`,
      [changed[0]!],
    );
    return null;
  }
  return send(cur.revision);
}
