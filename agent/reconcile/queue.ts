/**
 * Work queue keyed by pool id (controller-runtime's model): a key is queued at
 * most once, never handled by two workers at a time, and a key that changes
 * while it is being handled runs again afterwards — so any number of writes to
 * one pool coalesce into at most one pending run. Failures retry with
 * exponential backoff; success clears the retry history.
 */
import { setTimeout as sleep } from 'node:timers/promises';

/** First retry after a failure; doubles up to the cap. Long enough not to spin on a broken host. */
const BACKOFF_START_MS = 500;
const BACKOFF_CAP_MS = 30_000;

export type Handler = (key: string) => Promise<void>;

export class KeyedQueue {
  private readonly queued = new Set<string>();
  private readonly order: string[] = [];
  private readonly active = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private running = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly handler: Handler,
    private readonly concurrency: number,
    private readonly onError: (key: string, err: unknown, attempt: number) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    const t = this.retryTimers.get(key);
    if (t) {
      clearTimeout(t);
      this.retryTimers.delete(key);
    }
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.order.push(key);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.running < this.concurrency) {
      const idx = this.order.findIndex((k) => !this.active.has(k));
      if (idx < 0) break;
      const key = this.order.splice(idx, 1)[0]!;
      this.queued.delete(key);
      this.active.add(key);
      this.running++;
      void this.work(key);
    }
    if (this.running === 0 && this.order.length === 0) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async work(key: string): Promise<void> {
    try {
      await this.handler(key);
      this.failures.delete(key);
    } catch (err) {
      const attempt = (this.failures.get(key) ?? 0) + 1;
      this.failures.set(key, attempt);
      this.onError(key, err, attempt);
      if (!this.stopped && !this.dirty.has(key)) {
        const delay = Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** (attempt - 1));
        this.retryTimers.set(
          key,
          setTimeout(() => {
            this.retryTimers.delete(key);
            this.add(key);
          }, delay).unref(),
        );
      }
    } finally {
      this.active.delete(key);
      this.running--;
      if (this.dirty.delete(key)) this.add(key);
      this.pump();
    }
  }

  /** Resolves when nothing is queued or running. */
  async idle(): Promise<void> {
    if (this.running === 0 && this.order.length === 0) return;
    await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.retryTimers.values()) clearTimeout(t);
    this.retryTimers.clear();
    while (this.running > 0) await sleep(10);
  }
}
