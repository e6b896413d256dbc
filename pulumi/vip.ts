import type * as pulumi from '@pulumi/pulumi';
import type { vipAttrs } from '../schema/vip.js';
import type { Vip as VipObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

/** The writable fields of the schema (camelCase; the agent's snake_case names only on the wire) and the connection settings. */
export interface VipArgs extends ArgsOf<typeof vipAttrs>, ConnectionArgs {}

/** Every field of the agent's object, as outputs (typed by declaration merging: class fields would reset what the engine sets). */
export interface Vip extends OutputsOf<VipObject> {}

/**
 * A VIP: the address:port clients connect to, in front of one pool. A replacement that keeps an explicit address and port deletes the old VIP first.
 * Type token `pulumi-nodejs:dynamic/lbaas:Vip`.
 */
export class Vip extends LbaasResource {
  constructor(name: string, args: VipArgs, opts?: pulumi.CustomResourceOptions) {
    super('vip', name, args, opts);
  }

  /** The agent's vip `id`, read into the program (not managed: nothing is changed or deleted). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions, connection?: ConnectionArgs): Vip {
    return new Vip(name, (connection ?? {}) as VipArgs, { ...opts, id });
  }
}
