/**
 * The tfplugin6.Provider service: one handler per RPC (files beside this
 * one). Every call waits for the provider to be loaded, is logged with its
 * duration, and turns anything thrown into an error diagnostic; gRPC errors
 * are never used for provider failures.
 */
import { diagnosticFromError } from '../../framework/diagnostics.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { toDiagnostic } from '../convert/diagnostics.js';
import { log } from '../log.js';
import { applyResourceChange } from './apply-resource-change.js';
import { configureProvider } from './configure-provider.js';
import { getFunctions } from './get-functions.js';
import { getMetadata } from './get-metadata.js';
import { getProviderSchema } from './get-provider-schema.js';
import { getResourceIdentitySchemas } from './get-resource-identity-schemas.js';
import { importResourceState } from './import-resource-state.js';
import { planResourceChange } from './plan-resource-change.js';
import { readDataSource } from './read-data-source.js';
import { readResource } from './read-resource.js';
import { stopProvider } from './stop-provider.js';
import { upgradeResourceState } from './upgrade-resource-state.js';
import { validateDataResourceConfig } from './validate-data-resource-config.js';
import { validateProviderConfig } from './validate-provider-config.js';
import { validateResourceConfig } from './validate-resource-config.js';

type Rpc = (server: FrameworkServer, req: any) => Promise<object>;

const RPCS: Record<string, Rpc> = {
  GetMetadata: getMetadata,
  GetProviderSchema: getProviderSchema,
  GetFunctions: getFunctions,
  GetResourceIdentitySchemas: getResourceIdentitySchemas,
  ValidateProviderConfig: validateProviderConfig,
  ValidateResourceConfig: validateResourceConfig,
  ValidateDataResourceConfig: validateDataResourceConfig,
  UpgradeResourceState: upgradeResourceState,
  ConfigureProvider: configureProvider,
  ReadResource: readResource,
  PlanResourceChange: planResourceChange,
  ApplyResourceChange: applyResourceChange,
  ImportResourceState: importResourceState,
  ReadDataSource: readDataSource,
  StopProvider: stopProvider,
};

/** Handlers over decoded messages; provider failures come back as diagnostics, never as exceptions. */
export function providerHandlers(server: Promise<FrameworkServer>): Record<string, (req: object) => Promise<object>> {
  const out: Record<string, (req: object) => Promise<object>> = {};
  for (const [name, rpc] of Object.entries(RPCS)) {
    out[name] = async (req: { type_name?: string }) => {
      const started = performance.now();
      let res: object;
      try {
        res = await rpc(await server, req);
      } catch (e) {
        log.error(`${name} failed`, { error: e instanceof Error ? e.stack : String(e), type: req.type_name });
        const d = toDiagnostic(diagnosticFromError(`Provider error in ${name}`, e));
        res = name === 'StopProvider' ? { Error: d.detail ?? d.summary } : { diagnostics: [d] };
      }
      log.debug(`${name} done`, { type: req.type_name, ms: Math.round(performance.now() - started) });
      return res;
    };
  }
  return out;
}
