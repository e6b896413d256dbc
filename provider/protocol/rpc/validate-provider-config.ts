/** ValidateProviderConfig. */
import { validateProviderConfig as validate } from '../../framework/server/validate.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { decodeObject } from '../convert/dynamic.js';
import type { DynamicValue } from '../wire.js';

export async function validateProviderConfig(server: FrameworkServer, req: { config?: DynamicValue }) {
  const diags = await validate(server, decodeObject(server.providerType, req.config));
  return { diagnostics: toDiagnostics(diags.items) };
}
