import type * as pulumi from '@pulumi/pulumi';
import type { memberAttrs } from '../schema/member.js';
import type { Member as MemberObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

export interface MemberArgs extends ArgsOf<typeof memberAttrs>, ConnectionArgs {}

// Declaration merging: the outputs are typed here and set by the engine (no class fields, which would reset them).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface Member extends OutputsOf<MemberObject> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Member extends LbaasResource {
  constructor(name: string, args: MemberArgs, opts?: pulumi.CustomResourceOptions) {
    super('member', name, args, opts);
  }
}
