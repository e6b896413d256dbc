import type * as pulumi from '@pulumi/pulumi';
import type { memberAttrs } from '../schema/member.js';
import type { Member as MemberObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

/** The writable fields of the schema (camelCase; the agent's snake_case names only on the wire) and the connection settings. */
export interface MemberArgs extends ArgsOf<typeof memberAttrs>, ConnectionArgs {}

/** Every field of the agent's object, as outputs (typed by declaration merging: class fields would reset what the engine sets). */
export interface Member extends OutputsOf<MemberObject> {}

/**
 * A member of a pool: one address:port that receives traffic, with its weight.
 * Type token `pulumi-nodejs:dynamic/lbaas:Member`.
 */
export class Member extends LbaasResource {
  constructor(name: string, args: MemberArgs, opts?: pulumi.CustomResourceOptions) {
    super('member', name, args, opts);
  }

  /** The agent's member `id`, read into the program (not managed: nothing is changed or deleted). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions, connection?: ConnectionArgs): Member {
    return new Member(name, (connection ?? {}) as MemberArgs, { ...opts, id });
  }
}
