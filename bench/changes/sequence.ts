/**
 * One measured run: load through a VIP from several wrk processes (plus the
 * node client of support/load.ts as an independent second counter), changes
 * from the target's plan applied one after another for a fixed window, then
 * both load generators' accounting and the reloads the target really did.
 * The node client's failures are attributed to the change that preceded
 * them, which is how a cause shows (say, only reloads lose requests).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadGenerator } from '../support/load.js';
import type { FailureEvent, LoadMode, LoadResult } from '../support/load-tally.js';
import { wrkParallel, type WrkResult } from '../support/wrk.js';
import type { ChangeOutcome, Vip } from './agent-pool.js';
import { applyToState, changeClass, type Change, type ChangeClass, type PoolState } from './plan.js';

/** Load before the first change, so connections are established and steady. */
const WARMUP_S = 1;
/** Load after the last change, so losses from the last reload (old process finishing) are seen. */
const TAIL_S = 2;
/** Pause between changes: one after another, but not so close that two reloads overlap on purpose. */
const CHANGE_GAP_MS = 20;
const REQUEST_TIMEOUT_S = 5;

export type TargetName = 'naive' | 'master-worker' | 'agent';

export interface Target {
  name: TargetName;
  apply(change: Change, after: PoolState): Promise<ChangeOutcome>;
  /** Reloads (or restarts) done so far, when the target can tell. */
  reloads(): Promise<number | undefined>;
}

export interface ChangeRecord {
  index: number;
  kind: Change['kind'];
  class: ChangeClass;
  /** Wall-clock ms when the write was sent. */
  sentAt: number;
  latencyMs: number;
  live: boolean;
  error?: string;
  /** Whether HAProxy reloaded for this change (agent only; undefined when unknown). */
  reloaded?: boolean;
}

export interface WrkLoad {
  processes: number;
  threads: number;
  connections: number;
}

export interface RunRecord {
  target: TargetName;
  mode: LoadMode;
  round: number;
  changes: ChangeRecord[];
  /** Reloads the target did during the run (its own count, not the number of changes). */
  reloads: number;
  wrk: WrkResult;
  /** The node client's accounting. */
  load: LoadResult;
  failuresByChange: Record<string, number>;
}

export interface RunSpec {
  target: Target;
  mode: LoadMode;
  round: number;
  vip: Vip;
  /** The target's whole plan; `cursor.next` is where this run starts, and is advanced. */
  plan: Change[];
  cursor: { next: number; state: PoolState };
  windowS: number;
  wrk: WrkLoad;
  nodeLoops: number;
  log(message: string): void;
}

/** Failure events → counts keyed by the kind of the change that preceded each ("warmup" before the first). */
export function attribute(failures: FailureEvent[], changes: ChangeRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of failures) {
    let key = 'warmup';
    for (const c of changes) if (c.sentAt <= f.t) key = `${c.class}:${c.kind}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

/** Changes one after another until the window closes or the plan ends. */
async function applyChanges(r: RunSpec): Promise<ChangeRecord[]> {
  const changes: ChangeRecord[] = [];
  const until = Date.now() + r.windowS * 1000;
  while (Date.now() < until && r.cursor.next < r.plan.length) {
    const index = r.cursor.next++;
    const ch = r.plan[index]!;
    applyToState(r.cursor.state, ch);
    const watch = r.target.name === 'agent';
    const before = watch ? await r.target.reloads() : undefined;
    const sentAt = Date.now();
    const o = await r.target.apply(ch, r.cursor.state);
    const after = watch ? await r.target.reloads() : undefined;
    const reloaded = before !== undefined && after !== undefined ? after > before : undefined;
    changes.push({
      index,
      kind: ch.kind,
      class: changeClass(ch),
      sentAt,
      latencyMs: o.latencyMs,
      live: o.live,
      ...(o.error ? { error: o.error } : {}),
      ...(reloaded !== undefined ? { reloaded } : {}),
    });
    if (!o.live) throw new Error(`${r.target.name}: change ${index} (${ch.kind}) not live: ${o.error}`);
    await sleep(CHANGE_GAP_MS);
  }
  return changes;
}

export async function runSequence(load: LoadGenerator, r: RunSpec): Promise<RunRecord> {
  const url = `http://${r.vip.address}:${r.vip.port}/`;
  const durationS = WARMUP_S + r.windowS + TAIL_S;
  const stopNode = await load.start({
    mode: r.mode, host: r.vip.address, port: r.vip.port, path: '/', connections: r.nodeLoops, maxDurationS: durationS + 5, timeoutS: REQUEST_TIMEOUT_S,
  });
  const wrk = wrkParallel(r.wrk.processes, { url, durationS, threads: r.wrk.threads, connections: r.wrk.connections, mode: r.mode, timeoutS: REQUEST_TIMEOUT_S });
  wrk.catch(() => undefined); // observed below
  const reloadsBefore = await r.target.reloads();
  let changes: ChangeRecord[] = [];
  let failure: unknown;
  try {
    await sleep(WARMUP_S * 1000);
    changes = await applyChanges(r);
  } catch (err) {
    failure = err;
  }
  // Both load generators end by themselves (wrk at its duration); wait for them even after a failure.
  const w = await wrk.catch((err: unknown) => (failure ??= err, undefined));
  const node = await stopNode();
  if (failure || !w) throw failure;
  const reloadsAfter = await r.target.reloads();
  const reloads = reloadsBefore !== undefined && reloadsAfter !== undefined ? reloadsAfter - reloadsBefore : Number.NaN;
  r.log(`  ${r.target.name}/${r.mode} round ${r.round}: ${changes.length} changes, ${reloads} reloads, wrk ${w.total.requests} answers / ${w.total.errors} failed, node ${node.sent} sent / ${node.failed} failed`);
  return { target: r.target.name, mode: r.mode, round: r.round, changes, reloads, wrk: w.total, load: node, failuresByChange: attribute(node.failures, changes) };
}
