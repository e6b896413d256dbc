/**
 * Builds the gRPC service definitions from the embedded .proto sources
 * (parsed by protobufjs, packaged by @grpc/proto-loader), so no file has to
 * be found at run time and the provider can be bundled into one file.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { fromJSON, type Options } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { GO_PLUGIN, GOOGLE_EMPTY, GRPC_HEALTH } from './proto/go-plugin.js';
import { TFPLUGIN6_SERVICE } from './proto/tfplugin6-service.js';
import { TFPLUGIN6_TYPES } from './proto/tfplugin6-types.js';

/** proto-loader options: field names as in the .proto, oneof virtual fields, int64 as JS numbers. */
const OPTIONS: Options = { keepCase: true, oneofs: true, longs: Number, arrays: true, objects: true, defaults: false };

export interface Services {
  provider: ServiceDefinition;
  controller: ServiceDefinition;
  stdio: ServiceDefinition;
  health: ServiceDefinition;
}

export function loadServices(): Services {
  const root = new protobuf.Root();
  for (const src of [GOOGLE_EMPTY, TFPLUGIN6_TYPES, TFPLUGIN6_SERVICE, GO_PLUGIN, GRPC_HEALTH]) {
    protobuf.parse(src, root, { keepCase: true });
  }
  const pkg = fromJSON(root.toJSON(), OPTIONS);
  const service = (name: string) => {
    const def = pkg[name];
    if (!def || 'format' in def) throw new Error(`proto service ${name} missing`);
    return def as unknown as ServiceDefinition;
  };
  return {
    provider: service('tfplugin6.Provider'),
    controller: service('plugin.GRPCController'),
    stdio: service('plugin.GRPCStdio'),
    health: service('grpc.health.v1.Health'),
  };
}
