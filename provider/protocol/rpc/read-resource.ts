/** ReadResource (refresh): a null new_state tells Terraform the object is gone. `private` is echoed. */
import { readResource as read } from '../../framework/server/read.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { Diagnostics } from '../../framework/diagnostics.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { decodeObject, encodeDynamic } from '../convert/dynamic.js';
import { log } from '../log.js';
import type { DynamicValue } from '../wire.js';

export async function readResource(server: FrameworkServer, req: { type_name: string; current_state?: DynamicValue; private?: Buffer }) {
  const entry = server.resource(req.type_name, new Diagnostics());
  if (!entry) return { diagnostics: toDiagnostics(new Diagnostics().error('Unknown resource type', req.type_name).items) };
  const r = await read(server, { typeName: req.type_name, state: decodeObject(entry.type, req.current_state), private: req.private?.length ? req.private : undefined });
  if (r.dropped.length) log.warn('read returned attributes the schema does not have; dropped', { type: req.type_name, attributes: r.dropped });
  return {
    new_state: encodeDynamic(entry.type, r.newState),
    private: r.private ?? Buffer.alloc(0),
    diagnostics: toDiagnostics(r.diagnostics.items),
  };
}
