/**
 * Desired state: the four object kinds, idempotency keys and allocation
 * cursors, in memory for reads and journaled for durability. Writes run one at
 * a time: a transaction function checks against the current state and stages
 * changes; they are applied in memory only after the journal has them on disk,
 * so a write is acknowledged only when it would survive `kill -9`.
 */
import type { Kind } from '../../schema/resources.js';
import { Journal } from './journal.js';

export interface StoredObject {
  id: string;
  kind: Kind;
  revision: number;
  created_at: string;
  updated_at: string;
  /** The writable fields, defaults applied. */
  spec: Record<string, unknown>;
}

export interface IdempotencyEntry {
  kind: Kind;
  id: string;
  /** Hash of the request body: the same key with another body is refused. */
  bodyHash: string;
  at: string;
}

interface State {
  objects: Record<Kind, Record<string, StoredObject>>;
  idempotency: Record<string, IdempotencyEntry>;
  cursors: Record<string, number>;
}

interface Record_ {
  puts?: StoredObject[];
  dels?: { kind: Kind; id: string }[];
  idem?: { key: string; entry: IdempotencyEntry }[];
  cursors?: Record<string, number>;
}

/** Idempotency keys are remembered this long: longer than any client retry loop. */
const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

function applyRecord(s: State, r: Record_): void {
  for (const o of r.puts ?? []) s.objects[o.kind][o.id] = o;
  for (const d of r.dels ?? []) delete s.objects[d.kind][d.id];
  for (const i of r.idem ?? []) s.idempotency[i.key] = i.entry;
  Object.assign(s.cursors, r.cursors ?? {});
}

/** Maps keyed by user-influenced strings have no prototype: a key like "constructor" is just a key. */
const dict = <T>(from: Record<string, T> = {}): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, from);

const emptyState = (): State => ({
  objects: { pool: dict(), member: dict(), vip: dict(), health_monitor: dict() },
  idempotency: dict(),
  cursors: dict(),
});

/** A loaded snapshot, with every map made prototype-free. */
function normalize(s: State): State {
  return {
    objects: {
      pool: dict(s.objects.pool),
      member: dict(s.objects.member),
      vip: dict(s.objects.vip),
      health_monitor: dict(s.objects.health_monitor),
    },
    idempotency: dict(s.idempotency),
    cursors: dict(s.cursors),
  };
}

export class Tx {
  readonly puts: StoredObject[] = [];
  readonly dels: { kind: Kind; id: string }[] = [];
  readonly idem: { key: string; entry: IdempotencyEntry }[] = [];
  readonly cursors: Record<string, number> = {};
  put(o: StoredObject): void {
    this.puts.push(o);
  }
  del(kind: Kind, id: string): void {
    this.dels.push({ kind, id });
  }
  remember(key: string, entry: IdempotencyEntry): void {
    this.idem.push({ key, entry });
  }
  setCursor(network: string, value: number): void {
    this.cursors[network] = value;
  }
}

export class Store {
  private state: State = emptyState();
  private readonly journal: Journal<State, Record_>;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.journal = new Journal<State, Record_>(dir, applyRecord, emptyState, normalize);
  }

  async open(): Promise<void> {
    this.state = await this.journal.open();
    this.pruneIdempotency();
  }

  async close(): Promise<void> {
    await this.lock.catch(() => undefined);
    await this.journal.close();
  }

  get(kind: Kind, id: string): StoredObject | undefined {
    return this.state.objects[kind][id];
  }

  list(kind: Kind): StoredObject[] {
    return Object.values(this.state.objects[kind]);
  }

  idempotency(key: string): IdempotencyEntry | undefined {
    return this.state.idempotency[key];
  }

  cursor(network: string): number | undefined {
    return this.state.cursors[network];
  }

  /**
   * Run `fn` alone against the current state; whatever it staged is made
   * durable, then visible. If `fn` throws, nothing changes.
   */
  write<T>(fn: (tx: Tx) => T): Promise<T> {
    const next = this.lock.then(async () => {
      const tx = new Tx();
      const result = fn(tx);
      const rec: Record_ = {};
      if (tx.puts.length) rec.puts = tx.puts;
      if (tx.dels.length) rec.dels = tx.dels;
      if (tx.idem.length) rec.idem = tx.idem;
      if (Object.keys(tx.cursors).length) rec.cursors = tx.cursors;
      if (Object.keys(rec).length) {
        await this.journal.append(rec);
        applyRecord(this.state, rec);
        await this.journal.maybeCompact(this.state);
      }
      return result;
    });
    this.lock = next.catch(() => undefined);
    return next;
  }

  private pruneIdempotency(): void {
    const cutoff = Date.now() - IDEMPOTENCY_TTL_MS;
    for (const [k, e] of Object.entries(this.state.idempotency)) {
      if (Date.parse(e.at) < cutoff) delete this.state.idempotency[k];
    }
  }
}
