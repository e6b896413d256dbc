/** ApplyResourceChange: create / update / delete, result checked against the plan. */
import { applyResourceChange as apply } from '../../framework/server/apply.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { Diagnostics } from '../../framework/diagnostics.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { decodeObject, encodeDynamic } from '../convert/dynamic.js';
import { log } from '../log.js';
import type { DynamicValue } from '../wire.js';

export async function applyResourceChange(
  server: FrameworkServer,
  req: { type_name: string; prior_state?: DynamicValue; planned_state?: DynamicValue; config?: DynamicValue; planned_private?: Buffer },
) {
  const entry = server.resource(req.type_name, new Diagnostics());
  if (!entry) return { diagnostics: toDiagnostics(new Diagnostics().error('Unknown resource type', req.type_name).items) };
  const r = await apply(server, {
    typeName: req.type_name,
    prior: decodeObject(entry.type, req.prior_state),
    planned: decodeObject(entry.type, req.planned_state),
    config: decodeObject(entry.type, req.config),
    plannedPrivate: req.planned_private?.length ? req.planned_private : undefined,
  });
  if (r.dropped.length) log.warn('apply returned attributes the schema does not have; dropped', { type: req.type_name, attributes: r.dropped });
  return {
    new_state: encodeDynamic(entry.type, r.newState),
    private: r.private ?? Buffer.alloc(0),
    diagnostics: toDiagnostics(r.diagnostics.items),
  };
}
