import type * as pulumi from '@pulumi/pulumi';
import type { healthMonitorAttrs } from '../schema/health-monitor.js';
import type { HealthMonitor as HealthMonitorObject } from '../schema/resources.js';
import type { ConnectionArgs } from './connection.js';
import { LbaasResource } from './resource.js';
import type { ArgsOf, OutputsOf } from './types.js';

export interface HealthMonitorArgs extends ArgsOf<typeof healthMonitorAttrs>, ConnectionArgs {}

// Declaration merging: the outputs are typed here and set by the engine (no class fields, which would reset them).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface HealthMonitor extends OutputsOf<HealthMonitorObject> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class HealthMonitor extends LbaasResource {
  constructor(name: string, args: HealthMonitorArgs, opts?: pulumi.CustomResourceOptions) {
    super('health_monitor', name, args, opts);
  }
}
