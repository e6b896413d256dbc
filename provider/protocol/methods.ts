/**
 * Every gRPC method we serve, known without parsing any .proto: the services
 * are registered with raw-bytes (identity) serializers before the handshake,
 * and messages are decoded by the lazily loaded proto definitions
 * (dispatch.ts) — so protobufjs loads after the handshake line, with no window
 * in which a call could find no handler. methods.test.ts checks this list
 * against the .proto sources.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';

export const METHODS = {
  'tfplugin6.Provider': {
    GetMetadata: false,
    GetProviderSchema: false,
    ValidateProviderConfig: false,
    ValidateResourceConfig: false,
    ValidateDataResourceConfig: false,
    UpgradeResourceState: false,
    GetResourceIdentitySchemas: false,
    ConfigureProvider: false,
    ReadResource: false,
    PlanResourceChange: false,
    ApplyResourceChange: false,
    ImportResourceState: false,
    ReadDataSource: false,
    GetFunctions: false,
    StopProvider: false,
  },
  'plugin.GRPCController': { Shutdown: false },
  'plugin.GRPCStdio': { StreamStdio: true },
  'grpc.health.v1.Health': { Check: false, Watch: true },
} as const satisfies Record<string, Record<string, boolean /* server streaming */>>;

export type ServiceName = keyof typeof METHODS;

const identity = (b: Buffer) => b;

/** A service definition whose handlers receive and return encoded messages. */
export function rawServiceDefinition(service: ServiceName): ServiceDefinition {
  const def: Record<string, ServiceDefinition[string]> = {};
  for (const [name, responseStream] of Object.entries(METHODS[service])) {
    def[name] = {
      path: `/${service}/${name}`,
      requestStream: false,
      responseStream,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    };
  }
  return def;
}
