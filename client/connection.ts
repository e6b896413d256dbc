/**
 * Where a client finds the agent, shared by the Terraform provider, the
 * Pulumi resources and the `lbaas` CLI: the environment variable names, the
 * default endpoint and token file, and the endpoint list (cluster mode: any
 * agent answers; the client moves to the next when one does not).
 */
import path from 'node:path';

export const CONNECTION_ENV = {
  endpoint: 'LBAAS_ENDPOINT',
  /** Comma separated, tried in order. Wins over LBAAS_ENDPOINT. */
  endpoints: 'LBAAS_ENDPOINTS',
  token: 'LBAAS_TOKEN',
  tokenFile: 'LBAAS_TOKEN_FILE',
} as const;

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:9696';

export type Env = Record<string, string | undefined>;

/** The agent's own default state directory's token, written on its first start. */
export function defaultTokenFile(env: Env = process.env): string {
  return process.getuid?.() === 0 ? '/var/lib/lbaas/token' : path.join(env.HOME ?? '.', '.local', 'state', 'lbaas', 'token');
}

/** `~/x` → `$HOME/x`. */
export function expandHome(file: string, env: Env = process.env): string {
  return file.startsWith('~/') ? path.join(env.HOME ?? '.', file.slice(2)) : file;
}

/** "http://a:1, http://b:2" → the URLs, empty entries dropped. */
export function splitEndpoints(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Why `url` cannot be an agent endpoint, or undefined when it can. */
export function endpointProblem(url: string): string | undefined {
  try {
    if (['http:', 'https:'].includes(new URL(url).protocol)) return undefined;
  } catch {
    // not a URL at all: same message
  }
  return `must be an http:// or https:// URL such as ${DEFAULT_ENDPOINT}, got ${JSON.stringify(url)}`;
}

export interface EndpointSource {
  endpoints: string[];
  /** Where they came from, for messages: `--endpoint`, `$LBAAS_ENDPOINTS`, `default` … */
  source: string;
}

/**
 * The endpoint list: explicit `endpoints`, else explicit `endpoint`, else
 * $LBAAS_ENDPOINTS, else $LBAAS_ENDPOINT, else the default. `names` label
 * the explicit settings in messages (a flag, a provider attribute …).
 */
export function endpointsFrom(
  given: { endpoint?: string | undefined; endpoints?: readonly string[] | undefined },
  env: Env = process.env,
  names: { endpoint: string; endpoints: string } = { endpoint: 'endpoint', endpoints: 'endpoints' },
): EndpointSource {
  if (given.endpoints?.length) return { endpoints: [...given.endpoints], source: names.endpoints };
  if (given.endpoint) return { endpoints: [given.endpoint], source: names.endpoint };
  const list = splitEndpoints(env[CONNECTION_ENV.endpoints] ?? '');
  if (list.length) return { endpoints: list, source: `$${CONNECTION_ENV.endpoints}` };
  const one = env[CONNECTION_ENV.endpoint]?.trim();
  if (one) return { endpoints: [one], source: `$${CONNECTION_ENV.endpoint}` };
  return { endpoints: [DEFAULT_ENDPOINT], source: 'default' };
}
