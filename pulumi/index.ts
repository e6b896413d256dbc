/**
 * lbaas for Pulumi (`import * as lbaas from 'lbaas/pulumi'`): the agent's
 * objects as dynamic-provider resources, and a LoadBalancer component.
 */
export { Pool, type PoolArgs } from './pool.js';
export { Member, type MemberArgs } from './member.js';
export { Vip, type VipArgs } from './vip.js';
export { HealthMonitor, type HealthMonitorArgs } from './health-monitor.js';
export {
  LoadBalancer,
  LOAD_BALANCER_TYPE,
  DEFAULT_LB_METHOD,
  DEFAULT_MONITOR,
  type LoadBalancerArgs,
  type LoadBalancerPoolArgs,
  type LoadBalancerMemberArgs,
  type LoadBalancerMonitorArgs,
  type LoadBalancerVipArgs,
} from './load-balancer.js';
export { resolveConnection, type ConnectionArgs } from './connection.js';
export { DYNAMIC_MODULE } from './resource.js';
export { PROVIDERS, providerFor, type LbaasProvider } from './provider/index.js';
export type { ArgsOf, DeepInput, OutputsOf } from './types.js';
