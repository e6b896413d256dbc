/**
 * modifyPlan, after the framework's defaults and attribute modifiers:
 * - create: an Idempotency-Key for this planned object, kept in private;
 * - update: `in_sync = true` — every update re-converges the pool, and a
 *   state marked out of sync by a refresh plans exactly this repair;
 * - a VIP moved to another pool gets a new data-plane port;
 * - defaults that depend on other fields (HTTP monitor method, path, codes)
 *   are planned where the configuration leaves them out.
 */
import { randomUUID } from 'node:crypto';
import { getAttr, isUnknown, type ModifyPlanRequest, type ModifyPlanResponse, t, Unknown } from '../../framework/index.js';
import { valuesEqual } from '../../protocol/cty/equal.js';
import { toJson } from '../tfschema/values.js';
import type { KindContext } from './kinds.js';
import type { ProviderData } from './provider-data.js';
import { privateWithKey } from './state.js';

export function modifyPlan(ctx: KindContext, req: ModifyPlanRequest<ProviderData>, resp: ModifyPlanResponse): void {
  const plan = resp.plan;
  if (req.state === null) {
    resp.private = privateWithKey(randomUUID());
  } else {
    plan.in_sync = true;
    if ('port_id' in plan && !valuesEqual(t.string, getAttr(req.state, 'pool_id'), getAttr(plan, 'pool_id'))) plan.port_id = Unknown;
  }
  if (ctx.contextual.length && ctx.def.contextualDefaults) {
    const known: Record<string, unknown> = {};
    let unknownInputs = false;
    for (const [k, v] of Object.entries(req.config)) {
      if (ctx.contextual.includes(k)) continue;
      if (isUnknown(v)) unknownInputs = true;
      else if (v !== null) known[k] = toJson(v);
    }
    const defaults = ctx.def.contextualDefaults(known);
    for (const k of ctx.contextual) {
      if (getAttr(req.config, k) !== null) continue;
      plan[k] = unknownInputs ? Unknown : ((defaults[k] as string | undefined) ?? null);
    }
  }
}
