import type * as pulumi from '@pulumi/pulumi';
import type { poolAttrs } from '../schema/pool.js';
import type { Pool as PoolObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

export interface PoolArgs extends ArgsOf<typeof poolAttrs>, ConnectionArgs {}

// Declaration merging: the outputs are typed here and set by the engine (no class fields, which would reset them).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Pool extends OutputsOf<PoolObject> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Pool extends LbaasResource {
  constructor(name: string, args: PoolArgs, opts?: pulumi.CustomResourceOptions) {
    super('pool', name, args, opts);
  }
}
