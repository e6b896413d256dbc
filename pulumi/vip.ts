import type * as pulumi from '@pulumi/pulumi';
import type { vipAttrs } from '../schema/vip.js';
import type { Vip as VipObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

export interface VipArgs extends ArgsOf<typeof vipAttrs>, ConnectionArgs {}

// Declaration merging: the outputs are typed here and set by the engine (no class fields, which would reset them).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Vip extends OutputsOf<VipObject> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Vip extends LbaasResource {
  constructor(name: string, args: VipArgs, opts?: pulumi.CustomResourceOptions) {
    super('vip', name, args, opts);
  }
}
