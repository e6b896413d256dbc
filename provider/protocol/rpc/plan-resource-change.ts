/** PlanResourceChange: framework planning (defaults, unknowns, modifiers, requires_replace). */
import { planResourceChange as plan } from '../../framework/server/plan.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { Diagnostics } from '../../framework/diagnostics.js';
import { toAttributePath, toDiagnostics } from '../convert/diagnostics.js';
import { decodeObject, encodeDynamic } from '../convert/dynamic.js';
import type { DynamicValue } from '../wire.js';

export async function planResourceChange(
  server: FrameworkServer,
  req: { type_name: string; prior_state?: DynamicValue; proposed_new_state?: DynamicValue; config?: DynamicValue; prior_private?: Buffer },
) {
  const entry = server.resource(req.type_name, new Diagnostics());
  if (!entry) return { diagnostics: toDiagnostics(new Diagnostics().error('Unknown resource type', req.type_name).items) };
  const r = await plan(server, {
    typeName: req.type_name,
    prior: decodeObject(entry.type, req.prior_state),
    proposed: decodeObject(entry.type, req.proposed_new_state),
    config: decodeObject(entry.type, req.config),
    priorPrivate: req.prior_private?.length ? req.prior_private : undefined,
  });
  return {
    planned_state: encodeDynamic(entry.type, r.planned),
    requires_replace: r.requiresReplace.map(toAttributePath),
    planned_private: r.plannedPrivate ?? Buffer.alloc(0),
    diagnostics: toDiagnostics(r.diagnostics.items),
  };
}
