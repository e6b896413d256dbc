/**
 * Connection settings on the program side, resolved once per resource:
 * resource argument, else stack config (`lbaas:endpoint`, `lbaas:token`),
 * else the LBAAS_ENDPOINT / LBAAS_TOKEN environment variables. They travel
 * with the resource's inputs and outputs, the token always as a secret.
 */
import * as pulumi from '@pulumi/pulumi';
import { ENDPOINT_ENV, SETTING_KEYS, TOKEN_ENV } from './provider/keys.js';

export interface ConnectionArgs {
  /** Agent URL, e.g. http://127.0.0.1:9696. Default: stack config lbaas:endpoint, then LBAAS_ENDPOINT. */
  endpoint?: pulumi.Input<string>;
  /** Agent bearer token (kept secret in the state). Default: stack config lbaas:token, then LBAAS_TOKEN. */
  token?: pulumi.Input<string>;
  /** Seconds a create or update waits for the change to be live on the data plane (default 60). */
  waitSeconds?: pulumi.Input<number>;
}

/** The settings' names, as the provider side reads them. */
export const CONNECTION_KEYS: readonly (keyof ConnectionArgs)[] = SETTING_KEYS;

export interface ResolvedConnection {
  endpoint?: pulumi.Input<string>;
  token?: pulumi.Output<string>;
  waitSeconds?: pulumi.Input<number>;
}

export function resolveConnection(args: ConnectionArgs): ResolvedConnection {
  const config = new pulumi.Config('lbaas');
  const endpoint = args.endpoint ?? config.get('endpoint') ?? process.env[ENDPOINT_ENV];
  const token = args.token ?? config.getSecret('token') ?? process.env[TOKEN_ENV];
  return {
    ...(endpoint !== undefined ? { endpoint } : {}),
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
