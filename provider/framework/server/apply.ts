/**
 * ApplyResourceChange: prior null → create, planned null → delete, else
 * update. The result is checked the way Terraform will check it (no unknowns,
 * every value known in the plan unchanged), so a provider bug is reported
 * naming the attribute.
 */
import { cloneValue, type ValueObject } from '../../protocol/cty/value.js';
import { Diagnostics } from '../diagnostics.js';
import type { CreateResponse, DeleteResponse, UpdateResponse } from '../resource.js';
import { type FrameworkServer, guard } from './server.js';
import { conformObject, plannedMismatches, reportResult, stripUnknowns } from './values.js';

export interface ApplyRequest {
  readonly typeName: string;
  readonly prior: ValueObject | null;
  readonly planned: ValueObject | null;
  readonly config: ValueObject | null;
  readonly plannedPrivate: Buffer | undefined;
}

export interface ApplyResult {
  readonly newState: ValueObject | null;
  readonly private: Buffer | undefined;
  readonly diagnostics: Diagnostics;
  /** Attributes the resource returned that the schema does not have (dropped). */
  readonly dropped: string[];
}

export async function applyResourceChange<D>(server: FrameworkServer<D>, req: ApplyRequest): Promise<ApplyResult> {
  const diagnostics = new Diagnostics();
  const dropped: string[] = [];
  const entry = server.resource(req.typeName, diagnostics);
  if (!entry) return { newState: req.prior, private: req.plannedPrivate, diagnostics, dropped };
  const { impl, type } = entry;
  const base = server.base(req.typeName);
  const config = req.config ?? {};

  if (req.planned === null) {
    if (req.prior === null) return { newState: null, private: undefined, diagnostics, dropped };
    const resp: DeleteResponse = { diagnostics };
    await guard(diagnostics, 'Error deleting the resource', () => impl.delete({ ...base, state: req.prior!, private: req.plannedPrivate }, resp));
    // On failure the object still exists: keep it in state.
    return { newState: diagnostics.hasErrors ? req.prior : null, private: req.plannedPrivate, diagnostics, dropped };
  }

  const planned = req.planned;
  let state: ValueObject | null;
  let priv: Buffer | undefined;
  const what = req.prior === null ? 'create' : 'update';
  if (req.prior === null) {
    const resp: CreateResponse = { state: null, diagnostics };
    await guard(diagnostics, 'Error creating the resource', () => impl.create({ ...base, config, plan: cloneValue(planned), private: req.plannedPrivate }, resp));
    if (resp.state === null && !diagnostics.hasErrors) {
      diagnostics.error('Missing resource state after create', 'The resource reported no error but returned no state. This is a bug in the provider.');
    }
    state = resp.state;
    priv = resp.private;
  } else {
    const resp: UpdateResponse = { state: cloneValue(planned), diagnostics, ...(req.plannedPrivate ? { private: req.plannedPrivate } : {}) };
    await guard(diagnostics, 'Error updating the resource', () =>
      impl.update({ ...base, config, plan: cloneValue(planned), state: req.prior!, private: req.plannedPrivate }, resp),
    );
    state = resp.state;
    priv = resp.private;
  }
  if (state === null) return { newState: null, private: priv, diagnostics, dropped };

  const failed = diagnostics.hasErrors;
  state = conformObject(type, state, dropped);
  const unknowns = stripUnknowns(state);
  // After a failure Terraform keeps what we return (tainted on create); only a clean result must match the plan.
  if (!failed) reportResult(diagnostics, what, unknowns, plannedMismatches(type, planned, state));
  return { newState: state, private: priv, diagnostics, dropped };
}
