/**
 * Desired state of a single agent: in memory for reads and journaled for
 * durability. Writes run one at a time: a transaction function checks against
 * the current state and stages changes; they are applied in memory only after
 * the journal has them on disk, so a write is acknowledged only when it would
 * survive `kill -9`.
 */
import type { Kind } from '../../schema/resources.js';
import { Journal } from './journal.js';
import { MemoryState, applyRecord, emptyState, normalize, type State } from './memory.js';
import { Tx, type IdempotencyEntry, type Store, type StoreRecord, type StoredObject } from './types.js';

export type { IdempotencyEntry, Store, StoreRecord, StoredObject } from './types.js';
export { Tx } from './types.js';

/** Idempotency keys are remembered this long: longer than any client retry loop. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

export class JournalStore implements Store {
  private readonly mem = new MemoryState();
  private readonly journal: Journal<State, StoreRecord>;
  private lock: Promise<unknown> = Promise.resolve();
  readonly stale = false;

  constructor(dir: string) {
    this.journal = new Journal<State, StoreRecord>(dir, applyRecord, emptyState, normalize);
  }

  async open(): Promise<void> {
    const state = await this.journal.open();
    const cutoff = Date.now() - IDEMPOTENCY_TTL_MS;
    for (const [k, e] of Object.entries(state.idempotency)) if (Date.parse(e.at) < cutoff) delete state.idempotency[k];
    this.mem.reset(state);
  }

  async close(): Promise<void> {
    await this.lock.catch(() => undefined);
    await this.journal.close();
  }

  get(kind: Kind, id: string): StoredObject | undefined {
    return this.mem.get(kind, id);
  }

  list(kind: Kind): StoredObject[] {
    return this.mem.list(kind);
  }

  inPool(kind: 'member' | 'vip', poolId: string): StoredObject[] {
    return this.mem.inPool(kind, poolId);
  }

  idempotency(key: string): IdempotencyEntry | undefined {
    return this.mem.idempotency(key);
  }

  cursor(network: string): number | undefined {
    return this.mem.cursor(network);
  }

  write<T>(fn: (tx: Tx) => T): Promise<T> {
    const next = this.lock.then(async () => {
      const tx = new Tx();
      const result = fn(tx);
      const rec = tx.record();
      if (Object.keys(rec).length) {
        await this.journal.append(rec);
        this.mem.apply(rec);
        await this.journal.maybeCompact(this.mem.state);
      }
      return result;
    });
    this.lock = next.catch(() => undefined);
    return next;
  }
}
