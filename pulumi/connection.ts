/**
 * Connection settings on the program side, resolved once per resource:
 * resource argument, else stack config (`lbaas:endpoints`, `lbaas:endpoint`,
 * `lbaas:token`), else the LBAAS_ENDPOINTS / LBAAS_ENDPOINT / LBAAS_TOKEN
 * environment variables. They travel with the resource's inputs and outputs,
 * the token always as a secret.
 */
import * as pulumi from '@pulumi/pulumi';
import { splitEndpoints } from '../client/connection.js';
import { CONNECTION_ENV, SETTING_KEYS } from './provider/keys.js';

export interface ConnectionArgs {
  /** Agent URL, e.g. http://127.0.0.1:9696. Default: stack config lbaas:endpoint, then LBAAS_ENDPOINT. */
  endpoint?: pulumi.Input<string>;
  /**
   * Several agents of one cluster, tried in order (the next one when one does not answer or answers 503).
   * Wins over endpoint. Default: stack config lbaas:endpoints (a list), then LBAAS_ENDPOINTS (comma separated).
   */
  endpoints?: pulumi.Input<pulumi.Input<string>[]>;
  /** Agent bearer token (kept secret in the state). Default: stack config lbaas:token, then LBAAS_TOKEN. */
  token?: pulumi.Input<string>;
  /** Seconds a create or update waits for the change to be live on the data plane (default 60). */
  waitSeconds?: pulumi.Input<number>;
}

/** The settings' names, as the provider side reads them. */
export const CONNECTION_KEYS: readonly (keyof ConnectionArgs)[] = SETTING_KEYS;

export interface ResolvedConnection {
  endpoint?: pulumi.Input<string>;
  endpoints?: pulumi.Input<pulumi.Input<string>[]>;
  token?: pulumi.Output<string>;
  waitSeconds?: pulumi.Input<number>;
}

export function resolveConnection(args: ConnectionArgs): ResolvedConnection {
  const config = new pulumi.Config('lbaas');
  const endpoint = args.endpoint ?? config.get('endpoint') ?? process.env[CONNECTION_ENV.endpoint];
  const envList = splitEndpoints(process.env[CONNECTION_ENV.endpoints] ?? '');
  const endpoints = args.endpoints ?? config.getObject<string[]>('endpoints') ?? (envList.length ? envList : undefined);
  const token = args.token ?? config.getSecret('token') ?? process.env[CONNECTION_ENV.token];
  return {
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(endpoints !== undefined ? { endpoints } : {}),
    ...(token !== undefined ? { token: pulumi.secret(token) } : {}),
    ...(args.waitSeconds !== undefined ? { waitSeconds: args.waitSeconds } : {}),
  };
}

/** Only the connection settings of a bag of arguments (to hand them on to children). */
export function connectionOf(args: ConnectionArgs): ConnectionArgs {
  const out: ConnectionArgs = {};
  for (const k of CONNECTION_KEYS) if (args[k] !== undefined) (out as Record<string, unknown>)[k] = args[k];
  return out;
}
