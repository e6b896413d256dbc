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
  /** pool_id → ids of the members / VIPs in it: reads by pool must not scan every object. */
  private readonly poolIndex: Record<'member' | 'vip', Map<string, Set<string>>> = { member: new Map(), vip: new Map() };

  constructor(dir: string) {
    this.journal = new Journal<State, Record_>(dir, applyRecord, emptyState, normalize);
  }

  async open(): Promise<void> {
    this.state = await this.journal.open();
    this.pruneIdempotency();
    for (const kind of ['member', 'vip'] as const) for (const o of Object.values(this.state.objects[kind])) this.index(o, true);
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

  /** Members or VIPs whose pool_id is `poolId`. */
  inPool(kind: 'member' | 'vip', poolId: string): StoredObject[] {
    const ids = this.poolIndex[kind].get(poolId);
    return ids ? [...ids].map((id) => this.state.objects[kind][id]!) : [];
  }

  private index(o: StoredObject, add: boolean): void {
    if (o.kind !== 'member' && o.kind !== 'vip') return;
    const byPool = this.poolIndex[o.kind];
    const poolId = o.spec.pool_id as string;
    let ids = byPool.get(poolId);
    if (add) {
      if (!ids) byPool.set(poolId, (ids = new Set()));
      ids.add(o.id);
    } else if (ids) {
      ids.delete(o.id);
      if (ids.size === 0) byPool.delete(poolId);
    }
  }

  /** Apply a durable record to memory, keeping the pool index in step. */
  private apply(rec: Record_): void {
    for (const o of [...(rec.puts ?? []), ...(rec.dels ?? [])]) {
      const old = this.state.objects[o.kind][o.id];
      if (old) this.index(old, false);
    }
    applyRecord(this.state, rec);
    for (const o of rec.puts ?? []) this.index(o, true);
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
        this.apply(rec);
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
