/**
 * What the netns benchmarks share: Open vSwitch (the system one, or the
 * private one of test/harness/ovs.ts — never a second ovs-vswitchd), a bridge
 * per benchmark, member and client namespaces on it, and the real agent with
 * the netns driver. Everything goes through the benchmark's Cleanup, in
 * reverse order of creation, however the benchmark ends.
 *
 * The test helpers take an ava ExecutionContext only for `t.teardown` and
 * `t.log`; `shim()` maps those onto the Cleanup and the progress log.
 */
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { acquireOvs, releaseOvs, TEST_PID_KEY, type TestBridge } from '../test/harness/ovs.js';
import type { BenchContext } from './benchmark.js';
import type { Row } from './report.js';

export type Datapath = 'netdev' | 'system';

/** An ExecutionContext for the test helpers: teardowns become cleanup steps. */
export function shim(ctx: BenchContext): ExecutionContext {
  const t = {
    teardown: (fn: () => unknown) => void ctx.cleanup.add('netns bench teardown', async () => void (await fn())),
    log: (...values: unknown[]) => ctx.log(values.map(String).join(' ')),
  };
  return t as unknown as ExecutionContext;
}

/** Datapaths this host can run: netdev always, system only with the openvswitch kernel module loaded. */
export function availableDatapaths(): Datapath[] {
  return existsSync('/sys/module/openvswitch') ? ['system', 'netdev'] : ['netdev'];
}

/** Join (or start) the test OVS; released by the cleanup (the last user stops a private one). */
export async function benchOvs(ctx: BenchContext) {
  ctx.cleanup.add('release the test OVS', () => releaseOvs());
  return acquireOvs();
}

/** A fresh bridge of the given datapath, marked like the test harness's (a killed run's bridge is swept later). */
export async function benchBridge(ctx: BenchContext, datapath: Datapath): Promise<TestBridge> {
  const ovs = await benchOvs(ctx);
  const name = `lbb${randomBytes(4).toString('hex')}`;
  const remove = async () => void (await ovs.vsctl(['--if-exists', 'del-br', name]));
  ctx.cleanup.add(`bridge ${name}`, remove);
  await ovs.vsctl(['add-br', name, '--', 'set', 'Bridge', name, `datapath_type=${datapath}`, `external_ids:${TEST_PID_KEY}=${process.pid}`]);
  return { name, db: ovs.db, ovs, datapath, remove };
}

/** Must be root: namespaces, OVS. */
export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new Error('the netns benchmarks need root (network namespaces, Open vSwitch)');
}

export function ms(v: number): string {
  return `${Math.round(v)} ms`;
}

/** A row for a figure with an upper-bound goal. */
export function goalRow(metric: string, value: number | undefined, unit: string, goal: number, fmt = (v: number) => `${v}`): Row {
  if (value === undefined || Number.isNaN(value)) return { metric, value: 'n/a', goal: `< ${goal} ${unit}` };
  return { metric, value: `${fmt(value)} ${unit}`, goal: `< ${goal} ${unit}`, met: value < goal };
}
