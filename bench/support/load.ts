/** Parent side of load-child.ts: start a bounded load run in its own process, stop it, get its accounting. */
import type { Cleanup } from './cleanup.js';
import { forkChild, type Child } from './child.js';
import type { LoadIn, LoadOut } from './load-child.js';
import type { LoadResult, LoadSpec } from './load-tally.js';

/** autocannon reports at its next 1 s sample tick after `stop`; requests in flight need their timeout. */
const RESULT_GRACE_MS = 15_000;

export class LoadGenerator {
  private readonly child: Child<LoadIn, LoadOut>;

  constructor(cleanup: Cleanup) {
    this.child = forkChild<LoadIn, LoadOut>(new URL('./load-child.js', import.meta.url), cleanup, 'load generator');
  }

  /** Starts a run; the returned function stops it and resolves with its result. */
  async start(spec: LoadSpec): Promise<() => Promise<LoadResult>> {
    const started = this.child.next('started', 10_000);
    this.child.send({ type: 'run', spec });
    await started;
    const result = this.child.next('result', spec.maxDurationS * 1000 + RESULT_GRACE_MS);
    // Observe a rejection now; the caller sees it when it stops the run.
    result.catch(() => undefined);
    return async () => {
      this.child.send({ type: 'stop' });
      return (await result).result;
    };
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
