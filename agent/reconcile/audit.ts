/**
 * The timers that keep the data plane honest: a cheap watchdog (is each
 * deployed HAProxy alive?), the status poller, and the full periodic audit
 * that re-runs every pool's reconcile (plumbing, config file, runtime state,
 * orphans).
 */
import type { Reconciler } from './reconciler.js';
import type { StatusPoller } from './status-poller.js';

export interface AuditIntervals {
  /** Full reconcile of every pool. */
  auditMs: number;
  /** Liveness of each deployed HAProxy (a /proc read each). */
  watchdogMs: number;
  /** Operating status from the stats sockets (≤ 2 s by requirement). */
  statusMs: number;
}

export class Auditor {
  private readonly timers: NodeJS.Timeout[] = [];
  private polling = false;

  constructor(
    private readonly reconciler: Reconciler,
    private readonly poller: StatusPoller,
    private readonly intervals: AuditIntervals,
  ) {}

  start(): void {
    this.timers.push(setInterval(() => void this.reconciler.enqueueAll(), this.intervals.auditMs));
    this.timers.push(
      setInterval(() => {
        for (const [id, hap] of this.reconciler.deployed) if (!hap.alive()) this.reconciler.enqueue([id]);
      }, this.intervals.watchdogMs),
    );
    this.timers.push(
      setInterval(() => {
        if (this.polling) return;
        this.polling = true;
        void this.poller.pollAll().finally(() => (this.polling = false));
      }, this.intervals.statusMs),
    );
  }

  stop(): void {
    for (const t of this.timers.splice(0)) clearInterval(t);
  }
}
