/**
 * The part of the provider loaded after the handshake: proto definitions,
 * the framework and the provider itself. Decodes a request, runs the RPC,
 * encodes the response.
 */
import { FrameworkServer } from '../framework/server/server.js';
import type { Provider } from '../framework/provider.js';
import { loadServices } from './load.js';
import { log } from './log.js';
import type { ServiceName } from './methods.js';
import { providerHandlers } from './rpc/index.js';

/** A provider, or a function loading it (so its modules load after the handshake). */
// Providers are generic over their configured data; any D is fine here.
export type ProviderSource = Provider<any> | (() => Provider<any> | Promise<Provider<any>>);

export interface Dispatch {
  call(service: ServiceName, method: string, request: Buffer): Promise<Buffer>;
}

type Handler = (req: object) => Promise<object>;

const SERVING = 1;
const SERVICE_UNKNOWN = 3;

export function createDispatch(source: ProviderSource): Dispatch {
  const services = loadServices();
  const framework = loadProvider(source);
  const health: Handler = async (req: { service?: string }) => ({ status: !req.service || req.service === 'plugin' ? SERVING : SERVICE_UNKNOWN });
  const handlers: Partial<Record<ServiceName, Record<string, Handler>>> = {
    'tfplugin6.Provider': providerHandlers(framework),
    'grpc.health.v1.Health': { Check: health, Watch: health },
  };
  return {
    async call(service, method, request) {
      const def = services[service][method];
      const handler = handlers[service]?.[method];
      if (!def || !handler) throw new Error(`no handler for ${service}/${method}`);
      const res = await handler(def.requestDeserialize(request) as object);
      return def.responseSerialize(res) as Buffer;
    },
  };
}

function loadProvider(source: ProviderSource): Promise<FrameworkServer> {
  const p = Promise.resolve()
    .then(() => (typeof source === 'function' ? source() : source))
    .then((provider) => new FrameworkServer(provider));
  // Every RPC reports a load failure (e.g. an invalid schema) as a diagnostic; log it once.
  p.catch((e: unknown) => log.error('provider failed to load', { error: e instanceof Error ? e.message : String(e) }));
  return p;
}
