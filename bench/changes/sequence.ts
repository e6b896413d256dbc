/**
 * One measured run: steady load through a VIP, the change plan applied one
 * change after another by a target (the agent or the naive restart), then
 * the load's accounting. Failures are attributed to the change that preceded
 * them, which is how a cause shows (say, only reloads lose requests).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadGenerator } from '../support/load.js';
import type { FailureEvent, LoadMode, LoadResult } from '../support/load-tally.js';
import type { ChangeOutcome, Vip } from './agent-pool.js';
import { applyToState, changeClass, cloneState, type Change, type ChangeClass, type PoolState } from './plan.js';

/** Load before the first change, so connections are established and steady. */
const WARMUP_MS = 1_000;
/** Load after the last change, so losses from the last reload (old process finishing) are seen. */
const TAIL_MS = 1_500;
/** Pause between changes: one after another, but not so close that two reloads overlap on purpose. */
const CHANGE_GAP_MS = 20;
/** The change loop stops starting new changes after this; the rest are applied without load. */
const CHANGE_BUDGET_MS = 120_000;
/** The load generator stops by itself after this even if never told to. */
const LOAD_CAP_S = 180;
const REQUEST_TIMEOUT_S = 5;

export interface Target {
  name: 'agent' | 'naive';
  apply(change: Change, after: PoolState): Promise<ChangeOutcome>;
  /** Reloads done so far, when the target can tell (the agent's master CLI). */
  reloads?(): Promise<number | undefined>;
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
  /** Whether HAProxy reloaded for this change (undefined when unknown). */
  reloaded?: boolean;
}

export interface RunRecord {
  target: Target['name'];
  mode: LoadMode;
  connections: number;
  vip: Vip;
  changes: ChangeRecord[];
  /** Changes applied after the budget ran out, without timing or load. */
  catchUp: number;
  load: LoadResult;
  failuresByChange: Record<string, number>;
}

export interface RunSpec {
  target: Target;
  mode: LoadMode;
  connections: number;
  vip: Vip;
  plan: Change[];
  start: PoolState;
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

export async function runSequence(load: LoadGenerator, r: RunSpec): Promise<RunRecord> {
  const stopLoad = await load.start({
    mode: r.mode,
    host: r.vip.address,
    port: r.vip.port,
    path: '/',
    connections: r.connections,
    maxDurationS: LOAD_CAP_S,
    timeoutS: REQUEST_TIMEOUT_S,
  });
  const changes: ChangeRecord[] = [];
  const s = cloneState(r.start);
  let catchUp = 0;
  let failure: unknown;
  try {
    await sleep(WARMUP_MS);
    const started = Date.now();
    for (const [index, ch] of r.plan.entries()) {
      applyToState(s, ch);
      if (Date.now() - started > CHANGE_BUDGET_MS) {
        const o = await r.target.apply(ch, s);
        if (!o.live) throw new Error(`catch-up change ${index} (${ch.kind}) failed: ${o.error}`);
        catchUp++;
        continue;
      }
      const before = await r.target.reloads?.();
      const sentAt = Date.now();
      const o = await r.target.apply(ch, s);
      const after = await r.target.reloads?.();
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
      if (!o.live) r.log(`  change ${index} (${ch.kind}) not live: ${o.error}`);
      if ((index + 1) % 50 === 0) r.log(`  ${r.target.name}/${r.mode}: ${index + 1}/${r.plan.length} changes`);
      await sleep(CHANGE_GAP_MS);
    }
    await sleep(TAIL_MS);
  } catch (err) {
    failure = err;
  }
  // Stop the load even when a change threw.
  const loadResult = await stopLoad();
  if (failure) throw failure;
  return {
    target: r.target.name,
    mode: r.mode,
    connections: r.connections,
    vip: r.vip,
    changes,
    catchUp,
    load: loadResult,
    failuresByChange: attribute(loadResult.failures, changes),
  };
}
