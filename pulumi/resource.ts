/**
 * What the four resources share: a dynamic resource whose props are the
 * object's fields plus the connection settings, with every output of the
 * agent's object declared (passed as undefined, so the engine fills them),
 * and the token (and any field the schema marks sensitive) secret in state.
 */
import * as pulumi from '@pulumi/pulumi';
import { camelName } from '../schema/case.js';
import { RESOURCES, type Kind } from '../schema/resources.js';
import { CONNECTION_KEYS, resolveConnection, type ConnectionArgs } from './connection.js';
import { PROVIDERS } from './provider/index.js';
import { IMPORT_KEY } from './provider/keys.js';

/** Type token module: resources are `pulumi-nodejs:dynamic/lbaas:<Title>`. */
export const DYNAMIC_MODULE = 'lbaas';

/** Outputs kept secret in the state. */
export function secretOutputs(kind: Kind): string[] {
  const attrs = RESOURCES[kind].attrs as Record<string, { sensitive: boolean }>;
  return ['token', ...Object.keys(attrs).filter((k) => attrs[k]!.sensitive).map(camelName)];
}

/**
 * The `import` option becomes a property that create acts on (adopting the
 * object), since the engine cannot import through a dynamic provider.
 */
function takeImport(opts: pulumi.CustomResourceOptions | undefined): [pulumi.CustomResourceOptions | undefined, Record<string, unknown>] {
  if (!opts?.import) return [opts, {}];
  const { import: id, ...rest } = opts;
  return [rest, { [IMPORT_KEY]: id }];
}

export abstract class LbaasResource extends pulumi.dynamic.Resource {
  constructor(kind: Kind, name: string, args: ConnectionArgs & object, opts?: pulumi.CustomResourceOptions) {
    const def = RESOURCES[kind];
    const props: Record<string, unknown> = {};
    for (const k of Object.keys(def.attrs)) if (k !== 'id') props[camelName(k)] = undefined;
    for (const [k, v] of Object.entries(args)) if (!(CONNECTION_KEYS as readonly string[]).includes(k)) props[k] = v;
    Object.assign(props, resolveConnection(args));
    const [rest, imported] = takeImport(opts);
    Object.assign(props, imported);
    super(
      PROVIDERS[kind],
      name,
      props,
      pulumi.mergeOptions(rest, { additionalSecretOutputs: secretOutputs(kind) }),
      DYNAMIC_MODULE,
      def.title,
    );
  }
}
