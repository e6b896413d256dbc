/**
 * PlanResourceChange, the standard way:
 * 1. start from Terraform's proposed new state (config merged with prior
 *    computed values);
 * 2. defaults for null optional+computed attributes; computed attributes with
 *    null config become unknown when there is no prior object (create, or a
 *    nested object that is new) and otherwise keep the prior value;
 * 3. attribute plan modifiers (requiresReplace, useStateForUnknown, …);
 * 4. the resource's modifyPlan; if that introduced the first change, step 3
 *    runs again so modifiers that depend on "the resource changes" see it;
 * 5. self-check: non-computed values must equal the configuration.
 */
import { valuesEqual } from '../../protocol/cty/equal.js';
import { cloneValue, getAttr, isObject, Unknown, type Value, type ValueObject } from '../../protocol/cty/value.js';
import { Diagnostics } from '../diagnostics.js';
import { type AttrPath, formatPath } from '../path.js';
import type { PlanModifierResponse } from '../plan-modifiers.js';
import type { ModifyPlanResponse } from '../resource.js';
import { attributeType, type Block } from '../schema.js';
import { type FrameworkServer, guard } from './server.js';
import { conformObject } from './values.js';

export interface PlanRequest {
  readonly typeName: string;
  readonly prior: ValueObject | null;
  readonly proposed: ValueObject | null;
  readonly config: ValueObject | null;
  readonly priorPrivate: Buffer | undefined;
}

export interface PlanResult {
  readonly planned: ValueObject | null;
  readonly requiresReplace: AttrPath[];
  readonly plannedPrivate: Buffer | undefined;
  readonly diagnostics: Diagnostics;
}

export async function planResourceChange<D>(server: FrameworkServer<D>, req: PlanRequest): Promise<PlanResult> {
  const diagnostics = new Diagnostics();
  const entry = server.resource(req.typeName, diagnostics);
  const fail = { planned: req.proposed, requiresReplace: [], plannedPrivate: req.priorPrivate, diagnostics };
  // Destroy plans reach providers only with the plan_destroy capability, which we do not announce.
  if (!entry || req.proposed === null) return fail;
  const { schema, type, impl } = entry;
  const config = req.config ?? {};
  const prior = req.prior;
  let plan = cloneValue(req.proposed);
  fillPlan(schema, config, prior, plan);

  const ctx: Ctx = { operation: prior ? 'update' : 'create', changes: false, config, prior, diagnostics };
  ctx.changes = prior !== null && !valuesEqual(type, prior, plan);
  let replace = await runModifiers(schema, ctx, config, prior, plan, []);

  let plannedPrivate = req.priorPrivate;
  const hookReplace: AttrPath[] = [];
  if (impl.modifyPlan) {
    const resp: ModifyPlanResponse = { plan, requiresReplace: hookReplace, diagnostics, ...(plannedPrivate ? { private: plannedPrivate } : {}) };
    await guard(diagnostics, 'Error planning the resource', () =>
      impl.modifyPlan!({ ...server.base(req.typeName), config, state: prior, private: req.priorPrivate }, resp),
    );
    plan = resp.plan;
    plannedPrivate = resp.private;
    if (prior && !ctx.changes && !valuesEqual(type, prior, plan)) {
      ctx.changes = true;
      replace = await runModifiers(schema, ctx, config, prior, plan, []);
    }
  }
  checkPlan(schema, config, prior, plan, [], diagnostics);
  const all = prior ? [...replace, ...hookReplace] : [];
  const seen = new Set<string>();
  const requiresReplace = all.filter((p) => !seen.has(JSON.stringify(p)) && seen.add(JSON.stringify(p)));
  return { planned: conformObject(type, plan), requiresReplace, plannedPrivate, diagnostics };
}

/** Step 2. `prior` is the prior object at this level (null when it is new). */
function fillPlan(block: Block, config: ValueObject, prior: ValueObject | null, plan: ValueObject): void {
  for (const [name, attr] of Object.entries(block.attributes)) {
    if (getAttr(config, name) === null) {
      if (attr.default !== undefined) plan[name] = cloneValue(attr.default);
      else if (attr.computed && prior === null) plan[name] = Unknown;
    }
    const c = getAttr(config, name);
    const p = getAttr(plan, name);
    if (attr.attributes && isObject(c) && isObject(p)) fillPlan({ attributes: attr.attributes }, c, objectOrNull(getAttr(prior, name)), p);
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const c = getAttr(config, name);
    const p = getAttr(plan, name);
    if (isObject(c) && isObject(p)) fillPlan(nb, c, objectOrNull(getAttr(prior, name)), p);
  }
}

interface Ctx {
  readonly operation: 'create' | 'update';
  changes: boolean;
  readonly config: ValueObject;
  readonly prior: ValueObject | null;
  readonly diagnostics: Diagnostics;
}

/** Step 3: runs each attribute's modifiers, parents before children; returns the replacement paths. */
async function runModifiers(block: Block, ctx: Ctx, config: ValueObject, prior: ValueObject | null, plan: ValueObject, path: AttrPath, out: AttrPath[] = []): Promise<AttrPath[]> {
  for (const [name, attr] of Object.entries(block.attributes)) {
    const p = [...path, name];
    if (attr.planModifiers?.length) {
      const resp: PlanModifierResponse = { plan: getAttr(plan, name), requiresReplace: false, diagnostics: ctx.diagnostics };
      for (const m of attr.planModifiers) {
        await guard(ctx.diagnostics, `Plan modifier failed for ${formatPath(p)}`, () =>
          m.modify(
            {
              path: p,
              type: attributeType(attr),
              operation: ctx.operation,
              config: getAttr(config, name),
              state: getAttr(prior, name),
              plan: resp.plan,
              resourceChanges: ctx.changes,
              configObject: ctx.config,
              stateObject: ctx.prior,
            },
            resp,
          ),
        );
      }
      plan[name] = resp.plan;
      if (resp.requiresReplace) out.push(p);
    }
    const c = getAttr(config, name);
    const pl = getAttr(plan, name);
    if (attr.attributes && isObject(c) && isObject(pl)) await runModifiers({ attributes: attr.attributes }, ctx, c, objectOrNull(getAttr(prior, name)), pl, p, out);
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const c = getAttr(config, name);
    const pl = getAttr(plan, name);
    if (isObject(c) && isObject(pl)) await runModifiers(nb, ctx, c, objectOrNull(getAttr(prior, name)), pl, [...path, name], out);
  }
  return out;
}

/**
 * Step 5: what Terraform would reject as an invalid plan, reported with the
 * attribute named: only a computed attribute left null in the configuration
 * may be planned freely; anything else must equal the configuration (or the
 * prior value).
 */
function checkPlan(block: Block, config: ValueObject, prior: ValueObject | null, plan: ValueObject, path: AttrPath, diags: Diagnostics): void {
  for (const [name, attr] of Object.entries(block.attributes)) {
    const p = [...path, name];
    const c = getAttr(config, name);
    const pr = getAttr(prior, name);
    const pl = getAttr(plan, name);
    if (attr.computed && c === null) continue;
    if (attr.attributes && isObject(c) && isObject(pl)) checkPlan({ attributes: attr.attributes }, c, objectOrNull(pr), pl, p, diags);
    else if (!valuesEqual(attributeType(attr), c, pl) && !(prior && valuesEqual(attributeType(attr), pr, pl))) {
      diags.error('Provider produced an invalid plan', `The planned value of ${formatPath(p)} must equal its configured value. This is a bug in the provider.`, p);
    }
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const p = [...path, name];
    const c = getAttr(config, name);
    const pl = getAttr(plan, name);
    if ((c === null) !== (pl === null)) diags.error('Provider produced an invalid plan', `Block ${formatPath(p)} must be planned exactly when it is configured.`, p);
    else if (isObject(c) && isObject(pl)) checkPlan(nb, c, objectOrNull(getAttr(prior, name)), pl, p, diags);
  }
}

function objectOrNull(v: Value): ValueObject | null {
  return isObject(v) ? v : null;
}
