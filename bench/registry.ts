/** Every benchmark `npm run bench` runs, in order. Add a module here to add a benchmark. */
import { agentChanges } from './agent-changes.js';
import { agentScale } from './agent-scale.js';
import type { Benchmark } from './benchmark.js';
import { haFailover } from './ha-failover.js';
import { netnsScale } from './netns-scale.js';
import { netnsThroughput } from './netns-throughput.js';
import { netnsVipReady } from './netns-vip-ready.js';
import { terraformHandshake } from './terraform-handshake.js';
import { terraformPlan } from './terraform-plan.js';

export const BENCHMARKS: readonly Benchmark[] = [agentChanges, agentScale, netnsThroughput, netnsVipReady, netnsScale, terraformHandshake, terraformPlan, haFailover];
