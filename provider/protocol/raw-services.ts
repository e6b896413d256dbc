/**
 * gRPC implementations over encoded messages (see methods.ts): each call
 * waits for the lazily loaded dispatcher. Shutdown and StreamStdio need no
 * decoding and answer at once.
 */
import { type sendUnaryData, type ServerUnaryCall, type ServerWritableStream, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import type { Dispatch } from './dispatch.js';
import { METHODS, type ServiceName } from './methods.js';

export function rawImplementations(dispatch: () => Promise<Dispatch>, onShutdown: () => void): Record<ServiceName, UntypedServiceImplementation> {
  const unary = (service: ServiceName, method: string) => (call: ServerUnaryCall<Buffer, Buffer>, cb: sendUnaryData<Buffer>) => {
    dispatch()
      .then((d) => d.call(service, method, call.request))
      .then(
        (res) => cb(null, res),
        (e: unknown) => cb({ code: status.INTERNAL, details: e instanceof Error ? e.message : String(e) }),
      );
  };
  const out = {} as Record<ServiceName, UntypedServiceImplementation>;
  for (const [service, methods] of Object.entries(METHODS) as [ServiceName, Record<string, boolean>][]) {
    out[service] = {};
    for (const [method, stream] of Object.entries(methods)) if (!stream) out[service][method] = unary(service, method);
  }
  out['plugin.GRPCController'].Shutdown = (_call: ServerUnaryCall<Buffer, Buffer>, cb: sendUnaryData<Buffer>) => {
    cb(null, Buffer.alloc(0)); // Empty
    onShutdown();
  };
  // Nothing is written to stdout after the handshake, so there is nothing to mirror.
  out['plugin.GRPCStdio'].StreamStdio = (call: ServerWritableStream<Buffer, Buffer>) => call.end();
  out['grpc.health.v1.Health'].Watch = (call: ServerWritableStream<Buffer, Buffer>) => {
    dispatch()
      .then((d) => d.call('grpc.health.v1.Health', 'Watch', call.request))
      .then((res) => call.write(res), () => call.end());
  };
  return out;
}
