/**
 * Each agent's view of the cluster: one list of the prefix, then one watch
 * from the revision after it. A lost watch (compaction, error) or an etcd
 * that stopped answering is followed by a relist once it answers again, so
 * the view catches up without a restart. Events older than what is already
 * known for a key are ignored: a write this agent applied on commit
 * (read-your-writes) is not undone by its own watch event arriving later.
 */
import { EventEmitter } from 'node:events';
import type { Etcd3, IKeyValue, Watcher } from 'etcd3';
import type { Log } from '../log.js';
import type { PoolObserved } from '../observed/types.js';
import { MemoryState, emptyState } from '../store/memory.js';
import type { StoreRecord, StoredObject } from '../store/types.js';
import { Keys } from './keys.js';

/** How often etcd is probed (a linearizable read: it fails without quorum, which a watch may not notice). */
const PROBE_MS = 1_000;

export interface AgentRecord {
  agent_id: string;
  networks: string[];
  driver: string;
  version: string;
  availability_zone: string | null;
  pool_count: number;
  heartbeat_at: string;
  started_at: string;
  endpoint: string;
}

export interface Assignment {
  agent_ids: string[];
  rev: number;
}

export class Mirror extends EventEmitter {
  readonly keys: Keys;
  readonly mem = new MemoryState();
  desiredRev = 0;
  /** Highest revision this view includes. */
  revision = 0;
  readonly assign = new Map<string, Assignment>();
  readonly agents = new Map<string, AgentRecord>();
  readonly admin = new Map<string, boolean>();
  /** `<agent>/<pool>` → observed state the hosting agent wrote. */
  readonly status = new Map<string, PoolObserved>();
  leader: string | undefined;
  stale = true;
  private readonly keyRev = new Map<string, number>();
  private floor = 0;
  private watcher: Watcher | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private relisting: Promise<void> | undefined;
  private closed = false;
  /**
   * Per-key events wait until the whole batch (a relist, a watch response) is
   * applied: a listener that reconciles at once must never see half of it.
   */
  private pending: [string, unknown][] | undefined;

  private later(event: string, arg?: unknown): void {
    if (this.pending) this.pending.push([event, arg]);
    else this.emit(event, arg);
  }

  private batch(fn: () => void): void {
    const outer = this.pending === undefined;
    this.pending ??= [];
    try {
      fn();
    } finally {
      if (outer) {
        const evs = this.pending;
        this.pending = undefined;
        for (const [e, a] of evs) this.emit(e, a);
      }
    }
  }

  constructor(
    private readonly client: Etcd3,
    prefix: string,
    private readonly log: Log,
  ) {
    super();
    this.setMaxListeners(0);
    this.keys = new Keys(prefix);
  }

  async start(): Promise<void> {
    await this.relist();
    this.probeTimer = setInterval(() => void this.probe(), PROBE_MS);
    this.probeTimer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.probeTimer) clearInterval(this.probeTimer);
    await this.watcher?.cancel().catch(() => undefined);
  }

  private async probe(): Promise<void> {
    try {
      await this.client.get(this.keys.meta).exec();
      if (this.stale) await this.relist();
    } catch (err) {
      this.markStale(err);
    }
  }

  private markStale(err: unknown): void {
    if (!this.stale) this.log.warn('etcd unreachable: serving the last watched state as stale', { error: err instanceof Error ? err.message : String(err) });
    this.stale = true;
    this.emit('stale');
  }

  /** Read everything, replace the view, and watch from the revision after it. */
  relist(): Promise<void> {
    this.relisting ??= this.doRelist().finally(() => (this.relisting = undefined));
    return this.relisting;
  }

  private async doRelist(): Promise<void> {
    const res = await this.client.getAll().prefix(this.keys.all).exec();
    const rev = Number(res.header!.revision);
    await this.watcher?.cancel().catch(() => undefined);
    this.watcher = undefined;
    this.mem.reset(emptyState());
    this.assign.clear();
    this.agents.clear();
    this.admin.clear();
    this.status.clear();
    this.keyRev.clear();
    this.leader = undefined;
    this.desiredRev = 0;
    this.floor = rev;
    // A relist is followed by 'relisted' (everything is re-checked): its per-key events are not needed.
    this.pending = [];
    for (const kv of res.kvs) this.put(kv, false);
    this.pending = undefined;
    this.revision = rev;
    if (this.closed) return;
    const w = await this.client.watch().prefix(this.keys.all).startRevision(String(rev + 1)).create();
    this.watcher = w;
    w.on('data', (r) => {
      const changed = new Set<string>();
      this.batch(() => {
        for (const ev of r.events) {
          if (ev.type === 'Delete') this.del(ev.kv, changed);
          else this.put(ev.kv, true, changed);
        }
        this.revision = Math.max(this.revision, Number(r.header.revision));
      });
      if (changed.size) this.emit('desired', [...changed]);
      this.emit('revision', this.revision);
    });
    w.on('disconnected', (err) => this.markStale(err));
    w.on('error', (err) => {
      this.log.warn('etcd watch lost; relisting', { error: err.message });
      this.markStale(err);
    });
    const wasStale = this.stale;
    this.stale = false;
    if (wasStale) this.log.info('etcd reachable: view relisted', { revision: rev });
    this.emit('relisted');
  }

  /** Resolve once the view includes `rev` (or after `ms`). */
  async waitFor(rev: number, ms: number): Promise<boolean> {
    if (this.revision >= rev) return true;
    return new Promise((resolve) => {
      const done = (v: boolean) => {
        clearTimeout(t);
        this.off('revision', check);
        resolve(v);
      };
      const check = () => this.revision >= rev && done(true);
      const t = setTimeout(() => done(this.revision >= rev), ms);
      this.on('revision', check);
    });
  }

  private fresh(key: string, rev: number): boolean {
    if (rev <= this.floor && this.keyRev.has(key)) return false;
    if ((this.keyRev.get(key) ?? 0) >= rev) return false;
    this.keyRev.set(key, rev);
    return true;
  }

  private put(kv: IKeyValue, watched: boolean, changed?: Set<string>): void {
    const key = kv.key.toString();
    const rev = Number(kv.mod_revision);
    if (watched && rev <= this.floor) return;
    if (!this.fresh(key, rev)) return;
    const p = this.keys.parse(key);
    const value = (): unknown => JSON.parse(kv.value.toString());
    try {
      if (p.type === 'meta') this.desiredRev = Math.max(this.desiredRev, rev);
      else if (p.type === 'obj') {
        const o = { ...(value() as Omit<StoredObject, 'revision'>), revision: rev } as StoredObject;
        this.applyDesired({ puts: [o] }, changed);
      } else if (p.type === 'idem') this.mem.apply({ idem: [{ key: p.key, entry: value() as never }] });
      else if (p.type === 'cursor') this.mem.apply({ cursors: { [p.network]: value() as number } });
      else if (p.type === 'assign') {
        this.assign.set(p.pool, { agent_ids: (value() as { agent_ids: string[] }).agent_ids, rev });
        this.later('assign', p.pool);
      } else if (p.type === 'agent') {
        this.agents.set(p.agent, value() as AgentRecord);
        this.later('agents');
      } else if (p.type === 'admin') {
        this.admin.set(p.agent, (value() as { admin_state_up: boolean }).admin_state_up);
        this.later('agents');
      } else if (p.type === 'status') {
        this.status.set(`${p.agent}/${p.pool}`, value() as PoolObserved);
        this.later('status', p.pool);
      } else if (p.type === 'leader') this.leader = kv.value.toString();
    } catch (err) {
      this.log.warn('etcd: ignoring a value that does not parse', { key, error: (err as Error).message });
    }
  }

  private del(kv: IKeyValue, changed: Set<string>): void {
    const key = kv.key.toString();
    const rev = Number(kv.mod_revision);
    if (rev <= this.floor) return;
    if (!this.fresh(key, rev)) return;
    const p = this.keys.parse(key);
    if (p.type === 'obj') this.applyDesired({ dels: [{ kind: p.kind, id: p.id }] }, changed);
    else if (p.type === 'idem') this.mem.apply({ idemDels: [p.key] });
    else if (p.type === 'assign') {
      this.assign.delete(p.pool);
      this.later('assign', p.pool);
    } else if (p.type === 'agent') {
      this.agents.delete(p.agent);
      this.later('agents');
    } else if (p.type === 'admin') {
      this.admin.delete(p.agent);
      this.later('agents');
    } else if (p.type === 'status') {
      this.status.delete(`${p.agent}/${p.pool}`);
      this.later('status', p.pool);
    } else if (p.type === 'leader') this.leader = undefined;
  }

  /** Apply desired-state changes and note the pools whose data plane they touch. */
  applyDesired(rec: StoreRecord, changed?: Set<string>, keyRevs?: { key: string; rev: number }[]): void {
    for (const k of keyRevs ?? []) if ((this.keyRev.get(k.key) ?? 0) < k.rev) this.keyRev.set(k.key, k.rev);
    const touched = [...(rec.puts ?? []), ...(rec.dels ?? []).map((d) => this.mem.get(d.kind, d.id)).filter((o): o is StoredObject => !!o)];
    const before = touched.map((o) => this.mem.get(o.kind, o.id)).filter((o): o is StoredObject => !!o);
    this.mem.apply(rec);
    if (!changed) return;
    for (const o of [...touched, ...before]) {
      if (o.kind === 'pool') changed.add(o.id);
      else if (o.kind === 'member' || o.kind === 'vip') changed.add(o.spec.pool_id as string);
      else for (const p of this.mem.list('pool')) if ((p.spec.health_monitor_ids as string[]).includes(o.id)) changed.add(p.id);
    }
  }
}
