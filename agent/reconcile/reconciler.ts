/**
 * Level-triggered reconciliation of one pool: read desired state from the
 * store and actual state from the host, converge, record drift. Safe to run
 * any number of times; the queue guarantees one run per pool at a time.
 */
import { existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Driver } from '../drivers/driver.js';
import { PoolHaproxy } from '../haproxy/manager.js';
import type { Log } from '../log.js';
import type { Paths } from '../paths.js';
import { vipOf, membersOf } from '../service/relations.js';
import { networkNamed } from '../service/checks.js';
import type { StatusTracker } from '../status/tracker.js';
import type { Store } from '../store/store.js';
import type { Metrics } from '../metrics.js';
import { KeyedQueue } from './queue.js';
import { buildPoolModel } from './model.js';

/** Pools converged at once: each run is mostly waiting on HAProxy and `ip`, but the host has few cores. */
const CONCURRENCY = 4;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class Reconciler {
  readonly queue: KeyedQueue;
  /** Pools with a running HAProxy after their last successful run. */
  readonly deployed = new Map<string, PoolHaproxy>();

  constructor(
    private readonly store: Store,
    private readonly tracker: StatusTracker,
    private readonly driver: Driver,
    private readonly paths: Paths,
    private readonly log: Log,
    private readonly metrics: Metrics,
  ) {
    this.queue = new KeyedQueue((k) => this.reconcile(k), CONCURRENCY, (key, err, attempt) => {
      this.log.warn('reconcile failed', { pool: key, attempt, error: err instanceof Error ? err.message : String(err) });
    });
  }

  enqueue(poolIds: Iterable<string>): void {
    for (const p of poolIds) this.queue.add(p);
  }

  /** Everything that might need work: desired pools plus anything on the host we own. */
  async enqueueAll(): Promise<void> {
    const keys = new Set(this.store.list('pool').map((p) => p.id));
    if (existsSync(this.paths.poolsDir)) for (const d of readdirSync(this.paths.poolsDir)) if (UUID_RE.test(d)) keys.add(d);
    for (const id of await this.driver.listOwned()) keys.add(id);
    this.enqueue(keys);
  }

  private relatedIds(poolId: string): string[] {
    const vip = vipOf(this.store, poolId);
    return [poolId, ...(vip ? [vip.id] : [])];
  }

  private async reconcile(poolId: string): Promise<void> {
    const runId = randomUUID().slice(0, 8);
    const gen = this.tracker.startRun(poolId);
    const started = performance.now();
    try {
      const model = buildPoolModel(this.store, poolId);
      if (!model) {
        await this.remove(poolId);
      } else {
        const pp = this.paths.pool(poolId);
        const fresh = !existsSync(pp.dir);
        const vip = vipOf(this.store, poolId)!;
        const network = networkNamed(this.driver.networks, vip.spec.subnet as string, 'subnet');
        const plug = await this.driver.plug({ poolId, vipId: model.vip.id, network, address: model.vip.address }, fresh);
        this.tracker.setPort(poolId, plug.portId);
        const hap = new PoolHaproxy(pp, plug.netns);
        // A namespace deleted by hand lives on around the HAProxy still inside it, unreachable:
        // that process must go so a new one starts in the recreated namespace.
        const movedNs = plug.drift.some((d) => d.kind === 'namespace_missing');
        if (movedNs) await hap.stop();
        const res = await hap.converge(model);
        this.deployed.set(poolId, hap);
        // The restart above is part of the namespace repair, not a HAProxy that had died.
        const hapDrift = movedNs ? res.drift.filter((d) => d.kind !== 'haproxy_not_running') : res.drift;
        const findings = [...plug.drift, ...hapDrift.map((d) => ({ ...d, repaired: true }))];
        for (const d of findings) {
          this.tracker.recordDrift(this.relatedIds(poolId), d);
          this.metrics.drift(d.kind);
          this.log.warn('drift', { run: runId, pool: poolId, kind: d.kind, detail: d.detail, repaired: d.repaired });
        }
        this.tracker.setInSync(poolId, findings.every((d) => d.repaired));
        if (res.action !== 'none') this.log.info('converged', { run: runId, pool: poolId, action: res.action });
      }
      this.tracker.finishRun(poolId, gen);
      this.metrics.reconciled('ok', performance.now() - started);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.tracker.finishRun(poolId, gen, message);
      this.tracker.setInSync(poolId, false);
      this.metrics.reconciled('error', performance.now() - started);
      throw err;
    }
  }

  /** Nothing should run for this pool: stop what we own and remove its plumbing. */
  private async remove(poolId: string): Promise<void> {
    const pp = this.paths.pool(poolId);
    this.deployed.delete(poolId);
    this.tracker.setPort(poolId, null);
    if (existsSync(pp.dir)) {
      await new PoolHaproxy(pp, this.driver.netnsOf(poolId)).teardown();
      this.log.info('removed haproxy', { pool: poolId });
    }
    if ((await this.driver.listOwned()).includes(poolId)) {
      await this.driver.unplug(poolId);
      this.log.info('unplugged', { pool: poolId });
    }
    for (const m of membersOf(this.store, poolId)) this.tracker.setOperating(m.id, 'OFFLINE');
    this.tracker.setOperating(poolId, 'OFFLINE');
  }
}
