/** ValidateResourceConfig: the config may hold unknowns. */
import { validateResourceConfig as validate } from '../../framework/server/validate.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { Diagnostics } from '../../framework/diagnostics.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { decodeObject } from '../convert/dynamic.js';
import type { DynamicValue } from '../wire.js';

export async function validateResourceConfig(server: FrameworkServer, req: { type_name: string; config?: DynamicValue }) {
  const entry = server.resource(req.type_name, new Diagnostics());
  const config = entry ? decodeObject(entry.type, req.config) : null;
  return { diagnostics: toDiagnostics((await validate(server, req.type_name, config)).items) };
}
