/** GetMetadata: type names only (Terraform core does not call it; tooling such as plugin-mux does). */
import type { FrameworkServer } from '../../framework/server/server.js';
import { CAPABILITIES } from './get-provider-schema.js';

export async function getMetadata(server: FrameworkServer) {
  return {
    server_capabilities: CAPABILITIES,
    resources: [...server.resources.keys()].map((type_name) => ({ type_name })),
    data_sources: [...server.dataSources.keys()].map((type_name) => ({ type_name })),
    functions: [],
    ephemeral_resources: [],
    diagnostics: [],
  };
}
