/**
 * Level-triggered reconciliation of one pool: read desired state from the
 * store and actual state from the host, converge, record drift. Safe to run
 * any number of times; the queue guarantees one run per pool at a time.
 */
import { existsSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Driver, HostView } from '../drivers/driver.js';
import { isNetnsDriverNotOwned } from '../drivers/netns/errors.js';
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
/**
 * A pass only re-runs the pools its one read of the host found different.
 * What that read cannot see (MAC, MTU, sysctls, TX offload inside a
 * namespace) is checked by a full run of each pool at least this often,
 * oldest first, a few per pass so the cost stays spread out.
 */
const DEEP_CHECK_MS = 600_000;
const DEEP_CHECKS_PER_PASS = 2;
/** Pools checked at once within a pass (file reads and a stats-socket command each). */
const CHECK_CONCURRENCY = 16;
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
  /** performance.now() at the start of each pool's last successful run. */
  private readonly lastRun = new Map<string, number>();

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
    const started = performance.now();
    try {
      const keys = new Set(this.store.list('pool').map((p) => p.id));
      let view: HostView | undefined;
      let owned = new Set<string>();
      try {
        if (existsSync(this.paths.poolsDir)) for (const d of readdirSync(this.paths.poolsDir)) if (UUID_RE.test(d)) keys.add(d);
        view = this.driver.readHost ? await this.driver.readHost() : undefined;
        owned = new Set(view && this.driver.ownedIn ? await this.driver.ownedIn(view) : await this.driver.listOwned());
        for (const id of owned) keys.add(id);
      } catch (err) {
        view = undefined; // without a read of the host every pool gets a full run
        this.log.warn('audit: listing what runs on the host failed', { error: err instanceof Error ? err.message : String(err) });
      }
      const deep = this.deepChecks(keys, started);
      const known = [...keys].filter((k) => this.runOnce.has(k));
      for (const k of keys) if (!this.runOnce.has(k)) this.queue.add(k);
      let needed = 0;
      for (let i = 0; i < known.length; i += CHECK_CONCURRENCY) {
        const batch = known.slice(i, i + CHECK_CONCURRENCY);
        const out = await Promise.all(batch.map(async (k) => deep.has(k) || (await this.outOfSync(k, view, owned))));
        batch.forEach((k, j) => {
          if (out[j]) {
            this.auditBacklog.push(k);
            needed++;
          }
        });
      }
      this.metrics.auditPass(performance.now() - started, keys.size, needed);
    } finally {
      this.listing = false;
    }
    this.pumpAudit();
  }

  /** Pools whose last full run is older than DEEP_CHECK_MS, oldest first, DEEP_CHECKS_PER_PASS at most. */
  private deepChecks(keys: Set<string>, now: number): Set<string> {
    const due = [...keys]
      .filter((k) => this.runOnce.has(k) && now - (this.lastRun.get(k) ?? 0) > DEEP_CHECK_MS)
      .sort((a, b) => (this.lastRun.get(a) ?? 0) - (this.lastRun.get(b) ?? 0));
    return new Set(due.slice(0, DEEP_CHECKS_PER_PASS));
  }

  /**
   * Does this pool need a full run, judging from the pass's read of the host
   * and its HAProxy's files, /proc and stats socket? Without a host read
   * (a driver that cannot read it cheaply, or the read failed): yes.
   */
  private async outOfSync(poolId: string, view: HostView | undefined, owned: Set<string>): Promise<boolean> {
    if (!view || !this.driver.plumbingDiff) return true;
    // Converged after the read began: the read is older than what the run saw.
    if ((this.lastRun.get(poolId) ?? -Infinity) >= view.takenAt) return false;
    const model = buildPoolModel(this.store, poolId);
    // Nothing should run: work only if something of the pool's is still there.
    if (!model) return owned.has(poolId) || existsSync(this.paths.pool(poolId).dir);
    const hap = this.deployed.get(poolId);
    if (!hap) return true;
    try {
      const why = await hap.outOfSync(model);
      const pid = hap.masterPid();
      if (why.length === 0 && pid !== undefined) {
        const vip = vipOf(this.store, poolId)!;
        const network = networkNamed(this.driver.networks, vip.spec.subnet as string, 'subnet');
        why.push(...(await this.driver.plumbingDiff({ poolId, vipId: model.vip.id, network, address: model.vip.address }, view, pid)));
      }
      if (why.length > 0) this.log.debug('audit: out of sync', { pool: poolId, why });
      return why.length > 0;
    } catch (err) {
      this.log.debug('audit: check failed', { pool: poolId, error: err instanceof Error ? err.message : String(err) });
      return true;
    }
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
      if (removed) this.lastRun.delete(poolId);
      else this.lastRun.set(poolId, started);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.tracker.finishRun(poolId, gen, message);
      this.tracker.setInSync(poolId, false);
      this.metrics.reconciled('error', performance.now() - started);
      throw err;
    } finally {
      // A pool still in the store stays known (its next audits are cheap checks); a removed orphan is forgotten.
      if (removed && !this.store.get('pool', poolId)) this.runOnce.delete(poolId);
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
    // unplug touches only what carries our marker; a namespace or port named
    // like the pool's that is someone else's is left alone (and logged).
    try {
      await this.driver.unplug(poolId);
      this.log.info('unplugged', { pool: poolId });
    } catch (err) {
      if (!isNetnsDriverNotOwned(err)) throw err;
      this.log.warn('unplug: left alone what is not ours', { pool: poolId, error: err.message });
    }
    for (const m of membersOf(this.store, poolId)) this.tracker.setOperating(m.id, 'OFFLINE');
    this.tracker.setOperating(poolId, 'OFFLINE');
  }
}
