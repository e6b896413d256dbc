/**
 * Attribute plan modifiers: small objects with a description, run by the
 * framework while planning (PlanResourceChange), in the order listed on the
 * attribute, after defaults and before the resource's own modifyPlan.
 */
import { valuesEqual } from '../protocol/cty/equal.js';
import type { CtyType } from '../protocol/cty/types.js';
import { Unknown, type Value, type ValueObject } from '../protocol/cty/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { AttrPath } from './path.js';

export interface PlanModifierRequest {
  readonly path: AttrPath;
  readonly type: CtyType;
  /** create: there is no prior state; update: there is. */
  readonly operation: 'create' | 'update';
  readonly config: Value;
  /** Value in the prior state; null on create. */
  readonly state: Value;
  /** Value planned so far. */
  readonly plan: Value;
  /** On update: the plan differs from the prior state somewhere. */
  readonly resourceChanges: boolean;
  readonly configObject: ValueObject;
  readonly stateObject: ValueObject | null;
}

export interface PlanModifierResponse {
  plan: Value;
  requiresReplace: boolean;
  readonly diagnostics: Diagnostics;
}

export interface PlanModifier {
  readonly description: string;
  modify(req: PlanModifierRequest, resp: PlanModifierResponse): void | Promise<void>;
}

/** Changing the value destroys and recreates the object (an unknown planned value counts as a change). */
export function requiresReplace(): PlanModifier {
  return requiresReplaceIf(() => true, 'If the value of this attribute changes, Terraform will destroy and recreate the resource.');
}

export function requiresReplaceIf(cond: (req: PlanModifierRequest) => boolean, description: string): PlanModifier {
  return {
    description,
    modify(req, resp) {
      if (req.operation !== 'update' || valuesEqual(req.type, req.state, resp.plan)) return;
      if (cond(req)) resp.requiresReplace = true;
    },
  };
}

/** A value that was computed once stays as it is in the plan instead of showing "(known after apply)". */
export function useStateForUnknown(): PlanModifier {
  return {
    description: 'Once set, the value of this attribute in state will not change.',
    modify(req, resp) {
      if (req.operation !== 'update' || resp.plan !== Unknown || req.config === Unknown || req.state === null) return;
      resp.plan = req.state;
    },
  };
}

/**
 * Computed values that every update recalculates (a revision, a status):
 * unknown in the plan of any update. Without it a computed attribute keeps
 * its prior value in the plan, and apply must return exactly that.
 */
export function unknownOnUpdate(): PlanModifier {
  return {
    description: 'The value is recalculated by every update of the resource.',
    modify(req, resp) {
      if (req.operation === 'update' && req.resourceChanges && req.config === null) resp.plan = Unknown;
    },
  };
}
