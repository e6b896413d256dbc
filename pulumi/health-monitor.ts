import type * as pulumi from '@pulumi/pulumi';
import type { healthMonitorAttrs } from '../schema/health-monitor.js';
import type { HealthMonitor as HealthMonitorObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

/** The writable fields of the schema (camelCase; the agent's snake_case names only on the wire) and the connection settings. */
export interface HealthMonitorArgs extends ArgsOf<typeof healthMonitorAttrs>, ConnectionArgs {}

/** Every field of the agent's object, as outputs (typed by declaration merging: class fields would reset what the engine sets). */
export interface HealthMonitor extends OutputsOf<HealthMonitorObject> {}

/**
 * A health monitor, associated with pools through their health_monitor_ids.
 * Type token `pulumi-nodejs:dynamic/lbaas:HealthMonitor`.
 */
export class HealthMonitor extends LbaasResource {
  constructor(name: string, args: HealthMonitorArgs, opts?: pulumi.CustomResourceOptions) {
    super('health_monitor', name, args, opts);
  }

  /** The agent's health monitor `id`, read into the program (not managed: nothing is changed or deleted). */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions, connection?: ConnectionArgs): HealthMonitor {
    return new HealthMonitor(name, (connection ?? {}) as HealthMonitorArgs, { ...opts, id });
  }
}
