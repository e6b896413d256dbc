/**
 * LoadBalancer: Neutron's workflow in one resource. Health monitors, then the
 * pool (with the monitors), then its members, then the VIP (after the
 * members, so it goes live with them). Children are parented to the
 * component and named after it: `<name>-monitor-<i>`, `<name>-pool`,
 * `<name>-member-<i>`, `<name>-vip`.
 */
import * as pulumi from '@pulumi/pulumi';
import { RESOURCES } from '../schema/resources.js';
import { connectionOf, type ConnectionArgs } from './connection.js';
import { HealthMonitor, type HealthMonitorArgs } from './health-monitor.js';
import { Member, type MemberArgs } from './member.js';
import { Pool, type PoolArgs } from './pool.js';
import { Vip, type VipArgs } from './vip.js';

export const LOAD_BALANCER_TYPE = 'lbaas:index:LoadBalancer';

type Settings = keyof ConnectionArgs;
type Optional<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>;

/** The pool: `protocol` and `subnet` (shared with the VIP) are required; `name` defaults to the component's name, `lbMethod` to ROUND_ROBIN. */
export type LoadBalancerPoolArgs = Optional<Omit<PoolArgs, 'healthMonitorIds' | Settings>, 'name' | 'lbMethod'>;
/** A member: the pool is the component's. */
export type LoadBalancerMemberArgs = Omit<MemberArgs, 'poolId' | Settings>;
export type LoadBalancerMonitorArgs = Omit<HealthMonitorArgs, Settings>;
/** The VIP: protocol and subnet are the pool's; `name` defaults to the component's name. */
export type LoadBalancerVipArgs = Optional<Omit<VipArgs, 'poolId' | 'protocol' | 'subnet' | Settings>, 'name'>;

export interface LoadBalancerArgs extends ConnectionArgs {
  pool: LoadBalancerPoolArgs;
  members: LoadBalancerMemberArgs[];
  /** Health monitors of the pool. Default: one TCP monitor (DEFAULT_MONITOR); `[]` for none. */
  monitors?: LoadBalancerMonitorArgs[];
  vip: LoadBalancerVipArgs;
}

export const DEFAULT_LB_METHOD = 'ROUND_ROBIN';
/** A TCP connect check every 5 s, 3 s to answer, 3 failures (or successes) to change state. */
export const DEFAULT_MONITOR = { type: 'TCP', delay: 5, timeout: 3, maxRetries: 3 } as const satisfies LoadBalancerMonitorArgs;

const SCHEMES = { HTTP: 'http', HTTPS: 'https', TCP: 'tcp' } as const;

export class LoadBalancer extends pulumi.ComponentResource {
  readonly pool: Pool;
  readonly members: Member[];
  readonly monitors: HealthMonitor[];
  readonly vip: Vip;
  readonly poolId: pulumi.Output<string>;
  readonly memberIds: pulumi.Output<string[]>;
  readonly monitorIds: pulumi.Output<string[]>;
  readonly vipId: pulumi.Output<string>;
  /** The VIP address (given, or allocated by the agent). */
  readonly address: pulumi.Output<string>;
  /** `http://`, `https://` or `tcp://` address:port of the VIP. */
  readonly url: pulumi.Output<string>;
  /** The VIP's `ha` (ACTIVE_STANDBY pools) where the agent's schema has it; undefined otherwise. */
  readonly ha: pulumi.Output<unknown>;

  constructor(name: string, args: LoadBalancerArgs, opts?: pulumi.ComponentResourceOptions) {
    super(LOAD_BALANCER_TYPE, name, {}, opts);
    const conn = connectionOf(args);
    const child = { parent: this };

    this.monitors = (args.monitors ?? [DEFAULT_MONITOR]).map(
      (m, i) => new HealthMonitor(`${name}-monitor-${i}`, { ...m, ...conn }, child),
    );
    this.pool = new Pool(
      `${name}-pool`,
      {
        name,
        lbMethod: DEFAULT_LB_METHOD,
        ...args.pool,
        healthMonitorIds: this.monitors.map((m) => m.id),
        ...conn,
      },
      child,
    );
    this.members = args.members.map(
      (m, i) => new Member(`${name}-member-${i}`, { ...m, poolId: this.pool.id, ...conn }, child),
    );
    this.vip = new Vip(
      `${name}-vip`,
      { name, ...args.vip, poolId: this.pool.id, protocol: args.pool.protocol, subnet: args.pool.subnet, ...conn },
      { ...child, dependsOn: this.members },
    );

    this.poolId = this.pool.id;
    this.memberIds = pulumi.all(this.members.map((m) => m.id));
    this.monitorIds = pulumi.all(this.monitors.map((m) => m.id));
    this.vipId = this.vip.id;
    this.address = this.vip.address;
    this.url = pulumi.interpolate`${this.vip.protocol.apply((p) => SCHEMES[p])}://${this.vip.address}:${this.vip.protocolPort}`;
    this.ha = 'ha' in RESOURCES.vip.attrs ? (this.vip as unknown as Record<string, pulumi.Output<unknown>>).ha! : pulumi.output(undefined);
    this.registerOutputs({
      poolId: this.poolId,
      memberIds: this.memberIds,
      monitorIds: this.monitorIds,
      vipId: this.vipId,
      address: this.address,
      url: this.url,
      ha: this.ha,
    });
  }
}
