/** GetProviderSchema: every schema plus capabilities (schema fetched once per command; no destroy plans). */
import type { FrameworkServer } from '../../framework/server/server.js';
import { toSchema } from '../convert/schema.js';
import type { Schema, ServerCapabilities, WithDiagnostics } from '../wire.js';

export const CAPABILITIES: ServerCapabilities = {
  plan_destroy: false,
  get_provider_schema_optional: true,
  move_resource_state: false,
  generate_resource_config: false,
};

export async function getProviderSchema(server: FrameworkServer): Promise<
  WithDiagnostics & {
    provider: Schema;
    resource_schemas: Record<string, Schema>;
    data_source_schemas: Record<string, Schema>;
    server_capabilities: ServerCapabilities;
  }
> {
  const map = (m: Map<string, { schema: Parameters<typeof toSchema>[0] }>) => Object.fromEntries([...m].map(([k, v]) => [k, toSchema(v.schema)]));
  return {
    provider: toSchema(server.provider.schema),
    resource_schemas: map(server.resources),
    data_source_schemas: map(server.dataSources),
    server_capabilities: CAPABILITIES,
    diagnostics: [],
  };
}
