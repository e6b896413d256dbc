/**
 * Observed state of a single agent, in its own journal beside the desired
 * state (same crash-safe format: snapshot + fsync'ed append log). Bounded:
 * one entry per pool, each with at most the tracker's drift history.
 */
import { Journal } from '../store/journal.js';
import type { ObservedStore, PoolObserved } from './types.js';

type State = Record<string, PoolObserved>;
type Rec = { put?: { pool: string; o: PoolObserved }; del?: string };

const empty = (): State => Object.create(null) as State;

function apply(s: State, r: Rec): void {
  if (r.put) s[r.put.pool] = r.put.o;
  if (r.del) delete s[r.del];
}

export class JournalObserved implements ObservedStore {
  private readonly journal: Journal<State, Rec>;
  private state: State = empty();
  private lock: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.journal = new Journal<State, Rec>(dir, apply, empty, (s) => Object.assign(empty(), s));
  }

  async load(): Promise<Map<string, PoolObserved>> {
    this.state = await this.journal.open();
    return new Map(Object.entries(this.state));
  }

  put(pool: string, o: PoolObserved): Promise<void> {
    return this.append({ put: { pool, o } });
  }

  remove(pool: string): Promise<void> {
    return this.append({ del: pool });
  }

  private append(r: Rec): Promise<void> {
    const next = this.lock.then(async () => {
      await this.journal.append(r);
      apply(this.state, r);
      await this.journal.maybeCompact(this.state);
    });
    this.lock = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.lock.catch(() => undefined);
    await this.journal.close();
  }
}
