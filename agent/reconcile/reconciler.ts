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
/**
 * Periodic-audit runs in the queue at a time. The rest of the workers stay
 * free for changes made through the API: with 100 pools (a plug check is
 * about ten `ip`/`ovs-vsctl`/`ethtool` runs each) an audit pass takes longer
 * than the audit period on a small host, and enqueueing the whole pass at once
 * made a new VIP wait behind it for tens of seconds.
 */
const AUDIT_CONCURRENCY = 2;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class Reconciler {
  readonly queue: KeyedQueue;
  /** Pools with a running HAProxy after their last successful run. */
  readonly deployed = new Map<string, PoolHaproxy>();
  /** Pools this process has run at least once (adopted); others are not audit work but start-up work. */
  private readonly runOnce = new Set<string>();
  /** The current audit pass: pools still to check, and those queued for it now. */
  private readonly auditBacklog: string[] = [];
  private readonly auditing = new Set<string>();
  /** An enqueueAll is reading the host (a slow listing must not let the next timer tick start a second pass). */
  private listing = false;

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

  /**
   * Everything that might need work: desired pools plus anything on the host
   * we own. Pools not yet run by this process (start-up adoption, orphans) are
   * queued at once; the others are an audit pass, fed to the queue
   * AUDIT_CONCURRENCY at a time. While a pass is still under way a new one is
   * not started: the audit paces itself to what the host can do. Never
   * rejects (the auditor calls it from a timer): a failure to list the host's
   * plumbing is logged and the desired pools are still checked.
   */
  async enqueueAll(): Promise<void> {
    if (this.listing || this.auditBacklog.length > 0 || this.auditing.size > 0) return;
    this.listing = true;
    const keys = new Set(this.store.list('pool').map((p) => p.id));
    try {
      if (existsSync(this.paths.poolsDir)) for (const d of readdirSync(this.paths.poolsDir)) if (UUID_RE.test(d)) keys.add(d);
      for (const id of await this.driver.listOwned()) keys.add(id);
    } catch (err) {
      this.log.warn('audit: listing what runs on the host failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.listing = false;
    }
    for (const k of keys) {
      if (this.runOnce.has(k)) this.auditBacklog.push(k);
      else this.queue.add(k);
    }
    this.pumpAudit();
  }

  private pumpAudit(): void {
    while (this.auditing.size < AUDIT_CONCURRENCY && this.auditBacklog.length > 0) {
      const k = this.auditBacklog.shift()!;
      this.auditing.add(k);
      this.queue.add(k);
    }
  }

  private relatedIds(poolId: string): string[] {
    const vip = vipOf(this.store, poolId);
    return [poolId, ...(vip ? [vip.id] : [])];
  }

  private async reconcile(poolId: string): Promise<void> {
    const runId = randomUUID().slice(0, 8);
    const gen = this.tracker.startRun(poolId);
    const started = performance.now();
    let removed = false;
    try {
      const model = buildPoolModel(this.store, poolId);
      if (!model) {
        await this.remove(poolId);
        removed = true;
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
    } finally {
      if (removed) this.runOnce.delete(poolId);
      else this.runOnce.add(poolId);
      if (this.auditing.delete(poolId)) this.pumpAudit();
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
