/**
 * Keeps the ObservedStore in step with the tracker: shortly after any
 * observed change, each hosted pool's snapshot is compared with what was
 * last written and only the pools that changed are written. Pools that are
 * gone (deleted, or moved to another agent) are removed.
 */
import type { StatusTracker } from '../status/tracker.js';
import type { Store } from '../store/types.js';
import { membersOf, vipOf } from '../service/relations.js';
import type { Log } from '../log.js';
import type { ObservedStore, PoolObserved } from './types.js';

/** Changes within this window are written together (a status poll touches every member at once). */
const FLUSH_DELAY_MS = 100;
/** After a failed write (etcd down): retry this often, logging once. */
const RETRY_DELAY_MS = 1_000;

export class ObservedPersister {
  private readonly written = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;
  private failing = false;

  constructor(
    private readonly store: Store,
    private readonly tracker: StatusTracker,
    private readonly observed: ObservedStore,
    /** Pools whose observed state this agent owns (single agent: all of them). */
    private readonly hosted: () => Iterable<string>,
    private readonly log: Log,
  ) {}

  /** Seed the tracker from what an earlier run persisted; call before the first reconcile. */
  async restore(): Promise<void> {
    for (const [pool, o] of await this.observed.load()) {
      this.tracker.seed(pool, o);
      this.written.set(pool, JSON.stringify(o));
    }
    this.tracker.onDirty = () => this.schedule();
  }

  schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flushing
        .then(() => this.flush())
        .then(() => {
          this.failing = false;
        })
        .catch((err: unknown) => {
          if (!this.failing) this.log.warn('observed state: write failed; retrying', { error: err instanceof Error ? err.message : String(err) });
          this.failing = true;
          this.schedule();
        });
    }, this.failing ? RETRY_DELAY_MS : FLUSH_DELAY_MS);
    this.timer.unref();
  }

  private snapshot(pool: string): PoolObserved {
    const vip = vipOf(this.store, pool);
    return this.tracker.snapshot(pool, [...(vip ? [vip.id] : []), ...membersOf(this.store, pool).map((m) => m.id)]);
  }

  async flush(): Promise<void> {
    const keep = new Set<string>();
    for (const pool of this.hosted()) {
      if (!this.store.get('pool', pool)) continue;
      keep.add(pool);
      const s = JSON.stringify(this.snapshot(pool));
      if (this.written.get(pool) === s) continue;
      await this.observed.put(pool, JSON.parse(s) as PoolObserved);
      this.written.set(pool, s);
    }
    for (const pool of [...this.written.keys()]) {
      if (keep.has(pool)) continue;
      await this.observed.remove(pool);
      this.written.delete(pool);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing.catch(() => undefined);
    await this.flush().catch(() => undefined);
    await this.observed.close();
  }
}
