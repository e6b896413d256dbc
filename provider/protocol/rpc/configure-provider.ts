/** ConfigureProvider: once per process, before any resource call that needs the provider's data. */
import { configureProvider as configure } from '../../framework/server/validate.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { decodeObject } from '../convert/dynamic.js';
import type { DynamicValue } from '../wire.js';

export async function configureProvider(server: FrameworkServer, req: { terraform_version?: string; config?: DynamicValue }) {
  const diags = await configure(server, decodeObject(server.providerType, req.config), req.terraform_version ?? '');
  return { diagnostics: toDiagnostics(diags.items) };
}
