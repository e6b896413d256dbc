/**
 * What the four resources share: a dynamic resource whose props are the
 * object's fields plus the connection settings, with every output of the
 * agent's object declared (passed as undefined, so the engine fills them),
 * and the token (and any field the schema marks sensitive) secret in state.
 */
import * as pulumi from '@pulumi/pulumi';
import { RESOURCES, type Kind } from '../schema/resources.js';
import { CONNECTION_KEYS, resolveConnection, type ConnectionArgs } from './connection.js';
import { PROVIDERS } from './provider/index.js';

/** Type token module: resources are `pulumi-nodejs:dynamic/lbaas:<Title>`. */
export const DYNAMIC_MODULE = 'lbaas';

/** Outputs kept secret in the state. */
export function secretOutputs(kind: Kind): string[] {
  const attrs = RESOURCES[kind].attrs as Record<string, { sensitive: boolean }>;
  return ['token', ...Object.keys(attrs).filter((k) => attrs[k]!.sensitive)];
}

export abstract class LbaasResource extends pulumi.dynamic.Resource {
  constructor(kind: Kind, name: string, args: ConnectionArgs & object, opts?: pulumi.CustomResourceOptions) {
    const def = RESOURCES[kind];
    const props: Record<string, unknown> = {};
    for (const k of Object.keys(def.attrs)) if (k !== 'id') props[k] = undefined;
    for (const [k, v] of Object.entries(args)) if (!(CONNECTION_KEYS as readonly string[]).includes(k)) props[k] = v;
    Object.assign(props, resolveConnection(args));
    super(
      PROVIDERS[kind],
      name,
      props,
      pulumi.mergeOptions(opts, { additionalSecretOutputs: secretOutputs(kind) }),
      DYNAMIC_MODULE,
      def.title,
    );
  }
}
