/**
 * Builds the gRPC service definitions from the embedded .proto sources
 * (parsed by protobufjs, packaged by @grpc/proto-loader), so no file has to
 * be found at run time and the provider can be bundled into one file.
 */
import type { ServiceDefinition } from '@grpc/grpc-js';
import { fromJSON, type Options } from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import { METHODS, type ServiceName } from './methods.js';
import { GO_PLUGIN, GOOGLE_EMPTY, GRPC_HEALTH } from './proto/go-plugin.js';
import { TFPLUGIN6_SERVICE } from './proto/tfplugin6-service.js';
import { TFPLUGIN6_TYPES } from './proto/tfplugin6-types.js';

/** proto-loader options: field names as in the .proto, oneof virtual fields, int64 as JS numbers. */
const OPTIONS: Options = { keepCase: true, oneofs: true, longs: Number, arrays: true, objects: true, defaults: false };

export type Services = Record<ServiceName, ServiceDefinition>;

export function loadServices(): Services {
  const root = new protobuf.Root();
  for (const src of [GOOGLE_EMPTY, TFPLUGIN6_TYPES, TFPLUGIN6_SERVICE, GO_PLUGIN, GRPC_HEALTH]) {
    protobuf.parse(src, root, { keepCase: true });
  }
  const pkg = fromJSON(root.toJSON(), OPTIONS);
  const out = {} as Services;
  for (const name of Object.keys(METHODS) as ServiceName[]) {
    const def = pkg[name];
    if (!def || 'format' in def) throw new Error(`proto service ${name} missing`);
    out[name] = def as unknown as ServiceDefinition;
  }
  return out;
}
