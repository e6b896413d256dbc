/**
 * Desired state in etcd (cluster mode), behind the same Store interface as
 * the journal. Reads come from the agent's watched view (Mirror). A write runs
 * the service's transaction function against that view and commits one etcd
 * txn that compares P/desired/meta's mod_revision with the view's: if any
 * agent wrote since, the txn fails, the view catches up, and the function runs
 * again — so If-Match, referential checks and allocation see every earlier
 * write, across agents. Idempotency keys and VIP address/port claims are
 * additionally create-if-absent compares. The write is acknowledged (and
 * applied to this agent's view: read-your-writes) only after etcd committed.
 */
import type { Etcd3 } from 'etcd3';
import type { Kind } from '../../schema/resources.js';
import { AgentError } from '../errors.js';
import { Tx, type IdempotencyEntry, type Store, type StoredObject } from '../store/types.js';
import type { Mirror } from './mirror.js';

/** Lost races before a write gives up (each retry follows a commit by another agent). */
const MAX_ATTEMPTS = 20;
/** How long a retry waits for the watch to bring the write that beat it, before relisting. */
const CATCH_UP_MS = 1_000;

type Op = { put: string; value: string } | { del: string };

export function unavailable(err?: unknown): AgentError {
  const why = err instanceof Error ? `: ${err.message}` : '';
  return new AgentError('store_unavailable', `etcd is unavailable or has no quorum${why}; the write was not made (retry, or use another agent)`, {}, { cause: err });
}

export class EtcdStore implements Store {
  private lock: Promise<unknown> = Promise.resolve();
  /** Revision of this agent's last commit. */
  lastCommit = 0;

  constructor(
    private readonly client: Etcd3,
    readonly mirror: Mirror,
  ) {}

  get stale(): boolean {
    return this.mirror.stale;
  }

  async open(): Promise<void> {
    await this.mirror.start();
  }

  async close(): Promise<void> {
    await this.lock.catch(() => undefined);
    await this.mirror.close();
  }

  get(kind: Kind, id: string): StoredObject | undefined {
    return this.mirror.mem.get(kind, id);
  }
  list(kind: Kind): StoredObject[] {
    return this.mirror.mem.list(kind);
  }
  inPool(kind: 'member' | 'vip', poolId: string): StoredObject[] {
    return this.mirror.mem.inPool(kind, poolId);
  }
  idempotency(key: string): IdempotencyEntry | undefined {
    return this.mirror.mem.idempotency(key);
  }
  cursor(network: string): number | undefined {
    return this.mirror.mem.cursor(network);
  }

  write<T>(fn: (tx: Tx) => T): Promise<T> {
    const next = this.lock.then(() => this.attempt(fn));
    this.lock = next.catch(() => undefined);
    return next;
  }

  private async attempt<T>(fn: (tx: Tx) => T): Promise<T> {
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      if (this.mirror.stale) throw unavailable();
      const tx = new Tx();
      const result = fn(tx);
      const rec = tx.record();
      if (Object.keys(rec).length === 0) return result;
      const k = this.mirror.keys;
      const txn = this.client.if(k.meta, 'Mod', '==', this.mirror.desiredRev);
      const ops: Op[] = [{ put: k.meta, value: JSON.stringify({ at: new Date().toISOString() }) }];
      for (const o of tx.puts) {
        const { revision: _r, ...body } = o;
        ops.push({ put: k.obj(o.kind, o.id), value: JSON.stringify(body) });
        if (o.kind === 'vip' && !this.get('vip', o.id)) {
          const claim = k.alloc(o.spec.subnet as string, o.spec.address as string, o.spec.protocol_port as number);
          txn.and(claim, 'Create', '==', 0);
          ops.push({ put: claim, value: JSON.stringify({ vip_id: o.id }) });
        }
      }
      for (const d of tx.dels) {
        ops.push({ del: k.obj(d.kind, d.id) });
        const cur = this.get(d.kind, d.id);
        if (d.kind === 'vip' && cur) ops.push({ del: k.alloc(cur.spec.subnet as string, cur.spec.address as string, cur.spec.protocol_port as number) });
        if (d.kind === 'pool') ops.push({ del: k.assign(d.id) });
      }
      for (const e of tx.idem) {
        txn.and(k.idem(e.key), 'Create', '==', 0);
        ops.push({ put: k.idem(e.key), value: JSON.stringify(e.entry) });
      }
      for (const [net, v] of Object.entries(tx.cursors)) ops.push({ put: k.cursor(net), value: JSON.stringify(v) });
      txn.then(...ops.map((op) => ('put' in op ? this.client.put(op.put).value(op.value) : this.client.delete().key(op.del))));
      let res;
      try {
        res = await txn.commit();
      } catch (err) {
        // Unknown outcome (deadline, no quorum): not acknowledged. The watch shows what etcd has.
        throw unavailable(err);
      }
      const rev = Number(res.header!.revision);
      if (res.succeeded) {
        for (const o of tx.puts) o.revision = rev;
        const keyRevs = ops.map((op) => ({ key: 'put' in op ? op.put : op.del, rev }));
        this.mirror.applyDesired({ ...rec, ...(tx.dels.length ? { dels: tx.dels } : {}) }, undefined, keyRevs);
        this.mirror.desiredRev = Math.max(this.mirror.desiredRev, rev);
        this.lastCommit = rev;
        return result;
      }
      // Another agent wrote first: let the view catch up, then decide again.
      if (!(await this.mirror.waitFor(rev, CATCH_UP_MS))) await this.mirror.relist().catch((err: unknown) => {
        throw unavailable(err);
      });
    }
    throw new AgentError('conflict', 'too many concurrent writes from other agents; retry');
  }
}
