/**
 * What the service reads and writes desired state through. Two stores
 * implement it: the journal (one agent, the default) and etcd (cluster mode).
 * Reads are synchronous from memory; a write runs a transaction function
 * against the current state and is acknowledged only once it is durable
 * (fsync'ed, or committed by etcd).
 */
import type { Kind } from '../../schema/resources.js';

export interface StoredObject {
  id: string;
  kind: Kind;
  /** Journal: incremented per change. etcd: the key's mod_revision. */
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

/** One committed change, as journaled (and as the etcd store applies it to memory). */
export interface StoreRecord {
  puts?: StoredObject[];
  dels?: { kind: Kind; id: string }[];
  idem?: { key: string; entry: IdempotencyEntry }[];
  idemDels?: string[];
  cursors?: Record<string, number>;
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
  record(): StoreRecord {
    const rec: StoreRecord = {};
    if (this.puts.length) rec.puts = this.puts;
    if (this.dels.length) rec.dels = this.dels;
    if (this.idem.length) rec.idem = this.idem;
    if (Object.keys(this.cursors).length) rec.cursors = this.cursors;
    return rec;
  }
}

export interface Store {
  open(): Promise<void>;
  close(): Promise<void>;
  get(kind: Kind, id: string): StoredObject | undefined;
  list(kind: Kind): StoredObject[];
  /** Members or VIPs whose pool_id is `poolId`. */
  inPool(kind: 'member' | 'vip', poolId: string): StoredObject[];
  idempotency(key: string): IdempotencyEntry | undefined;
  cursor(network: string): number | undefined;
  /**
   * Run `fn` against the current state; whatever it staged is made durable,
   * then visible, and the objects it put carry their committed revision. If
   * `fn` throws, nothing changes. `fn` may run more than once (etcd retries
   * it when another agent wrote first), so it must only read and stage.
   */
  write<T>(fn: (tx: Tx) => T): Promise<T>;
  /** Reads may be behind the truth (etcd unreachable): answers say so. */
  readonly stale: boolean;
}
