import type * as pulumi from '@pulumi/pulumi';
import type { poolAttrs } from '../schema/pool.js';
import type { Pool as PoolObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

/** The writable fields of the schema (camelCase; the agent's snake_case names only on the wire) and the connection settings. */
export interface PoolArgs extends ArgsOf<typeof poolAttrs>, ConnectionArgs {}

/** Every field of the agent's object, as outputs (typed by declaration merging: class fields would reset what the engine sets). */
export interface Pool extends OutputsOf<PoolObject> {}

/**
 * A pool: the HAProxy backend that balances connections over its members (Neutron LBaaS v1 pool).
 * Type token `pulumi-nodejs:dynamic/lbaas:Pool`.
 */
export class Pool extends LbaasResource {
  constructor(name: string, args: PoolArgs, opts?: pulumi.CustomResourceOptions) {
    super('pool', name, args, opts);
  }

  /** The agent's pool `id`, read into the program (not managed: nothing is changed or deleted). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions, connection?: ConnectionArgs): Pool {
    return new Pool(name, (connection ?? {}) as PoolArgs, { ...opts, id });
  }
}
