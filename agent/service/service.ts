/**
 * The agent's operations on desired state. Every write validates (shape,
 * cross-field, cross-object), becomes durable in one store transaction, and
 * then tells the reconciler which pools to converge. Writes never wait for
 * one another's data-plane work: they queue and coalesce per pool.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Network } from '../../schema/network.js';
import { RESOURCES, type Kind, validateCreate, validateUpdate } from '../../schema/resources.js';
import { AgentError, invalid, ruleViolated } from '../errors.js';
import type { StatusTracker } from '../status/tracker.js';
import type { Store, StoredObject, Tx } from '../store/store.js';
import { allocateAddress } from './allocate.js';
import { checkMember, checkPool, checkVip, networkNamed } from './checks.js';
import { SINGLE_AGENT, type HaCapacity } from '../ha/admission.js';
import { affectedPools, membersOf, poolsWithMonitor, vipOf } from './relations.js';
import { viewOf } from './view.js';

export interface WriteResult {
  object: Record<string, unknown> | null;
  /** Per-pool generations that make this write live. */
  needs: Map<string, number>;
  /** false when an Idempotency-Key replayed an earlier create. */
  created?: boolean;
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The store keeps idempotency keys as properties of a plain object: a client's
 * key such as "constructor" or "__proto__" would read (or, on write, replace)
 * Object.prototype. A prefix no prototype property has keeps them apart.
 */
function storeKey(key: string): string {
  return `key:${key}`;
}

export class Service {
  constructor(
    private readonly store: Store,
    private readonly tracker: StatusTracker,
    private readonly networks: readonly Network[],
    private readonly onChange: (poolIds: string[]) => void,
    /** Whether a pool's `agent_id` hint can be honoured (cluster mode); throws a 4xx naming it. */
    private readonly checkHint: (spec: Record<string, unknown>) => void = (spec) => {
      if (spec.agent_id) throw ruleViolated(['agent_id'], 'is only for cluster mode (this agent has no cluster config)');
    },
    /** What ACTIVE_STANDBY can count on here (single agent or cluster). */
    private readonly ha: HaCapacity = SINGLE_AGENT,
  ) {}

  view(o: StoredObject): Record<string, unknown> {
    return viewOf(this.store, this.tracker, o);
  }

  find(kind: Kind, id: string): StoredObject {
    const o = this.store.get(kind, id);
    if (!o) throw new AgentError('not_found', `no ${kind} with id ${id}`);
    return o;
  }

  list(kind: Kind, filter: Record<string, string> = {}): Record<string, unknown>[] {
    const source = kind === 'member' && filter.pool_id !== undefined ? this.store.inPool('member', filter.pool_id) : this.store.list(kind);
    return source
      .filter((o) => Object.entries(filter).every(([k, v]) => o.spec[k] === v))
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
      .map((o) => this.view(o));
  }

  private crossCheck(kind: Kind, spec: Record<string, unknown>, selfId?: string, before?: Record<string, unknown>): void {
    if (kind === 'pool') {
      checkPool(this.store, this.networks, spec, this.ha);
      if ((spec.agent_id ?? null) !== (before?.agent_id ?? null)) this.checkHint(spec);
    }
    else if (kind === 'member') checkMember(this.store, spec, selfId);
    else if (kind === 'vip') checkVip(this.store, this.networks, spec, selfId);
  }

  private commit(kind: Kind, o: StoredObject, before: Record<string, unknown> | undefined, isCreate: boolean): WriteResult {
    const pools = affectedPools(this.store, kind, o.id, [before, o.spec]);
    const needs = this.tracker.touch(o.id, pools, isCreate);
    this.onChange(pools);
    return { object: this.view(o), needs, created: isCreate };
  }

  async create(kind: Kind, body: unknown, idempotencyKey?: string): Promise<WriteResult> {
    const def = RESOURCES[kind];
    // Validate before hashing: `canonical` recurses, and only a validated body is known to be shallow
    // (a 64 KiB body of nested arrays would overflow the stack). An invalid body was never stored
    // under any key, so nothing can be replayed for it.
    const v = validateCreate(def, body);
    if (!v.ok) throw invalid(v.issues);
    const bodyHash = createHash('sha256').update(canonical(body)).digest('hex');
    if (idempotencyKey) {
      const replay = this.replay(kind, idempotencyKey, bodyHash);
      if (replay) return replay;
    }
    const { o, replayed } = await this.store.write((tx) => {
      // A fresh copy per run: the etcd store runs this again after losing a race, and must allocate again.
      const spec = { ...v.value };
      // Re-check under the write lock: a concurrent retry with the same key may have won.
      if (idempotencyKey && this.store.idempotency(storeKey(idempotencyKey))) return { o: undefined, replayed: true };
      this.crossCheck(kind, spec);
      if (kind === 'vip' && spec.address === null) spec.address = this.allocate(tx, spec.subnet as string);
      const now = new Date().toISOString();
      const obj: StoredObject = { id: randomUUID(), kind, revision: 1, created_at: now, updated_at: now, spec };
      tx.put(obj);
      if (idempotencyKey) tx.remember(storeKey(idempotencyKey), { kind, id: obj.id, bodyHash, at: now });
      return { o: obj, replayed: false };
    });
    if (replayed || !o) return this.replay(kind, idempotencyKey!, bodyHash)!;
    return this.commit(kind, o, undefined, true);
  }

  private replay(kind: Kind, key: string, bodyHash: string): WriteResult | undefined {
    const e = this.store.idempotency(storeKey(key));
    if (!e) return undefined;
    if (e.kind !== kind || e.bodyHash !== bodyHash) {
      throw new AgentError('idempotency_key_reused', `Idempotency-Key ${key} was used for a different ${e.kind} request`);
    }
    const o = this.store.get(kind, e.id);
    if (!o) throw new AgentError('not_found', `the ${kind} created with Idempotency-Key ${key} (${e.id}) has since been deleted`);
    return { object: this.view(o), needs: new Map(), created: false };
  }

  private allocate(tx: Tx, subnet: string): string {
    const net = networkNamed(this.networks, subnet, 'subnet');
    const used = new Set(this.store.list('vip').filter((v) => v.spec.subnet === subnet).map((v) => v.spec.address as string));
    const { address, cursor } = allocateAddress(net, used, this.store.cursor(subnet));
    tx.setCursor(subnet, cursor);
    return address;
  }

  async update(kind: Kind, id: string, body: unknown, ifMatch?: number): Promise<WriteResult> {
    const { o, before } = await this.store.write((tx) => {
      const cur = this.find(kind, id);
      // A body the document refuses is a 4xx whatever the revision: validate before the precondition.
      const v = validateUpdate(RESOURCES[kind], cur.spec, body);
      if (!v.ok) throw invalid(v.issues);
      if (ifMatch !== undefined && ifMatch !== cur.revision) {
        throw new AgentError('precondition_failed', `${kind} ${id} is at revision ${cur.revision}, not ${ifMatch}`);
      }
      this.crossCheck(kind, v.value, id, cur.spec);
      const next: StoredObject = { ...cur, spec: v.value, revision: cur.revision + 1, updated_at: new Date().toISOString() };
      tx.put(next);
      return { o: next, before: cur.spec };
    });
    return this.commit(kind, o, before, false);
  }

  async remove(kind: Kind, id: string, cascade: boolean, ifMatch?: number): Promise<WriteResult> {
    const { pools } = await this.store.write((tx) => {
      const cur = this.find(kind, id);
      if (ifMatch !== undefined && ifMatch !== cur.revision) {
        throw new AgentError('precondition_failed', `${kind} ${id} is at revision ${cur.revision}, not ${ifMatch}`);
      }
      const pools = new Set(affectedPools(this.store, kind, id, [cur.spec]));
      const referrers = this.referrers(kind, id);
      if (referrers.length && !cascade) {
        const names = referrers.map((r) => `${r.kind} ${r.id}`).join(', ');
        throw new AgentError('still_referenced', `${kind} ${id} is still referenced by ${names}; delete them first or use ?cascade=true`, {
          referrers,
        });
      }
      for (const r of referrers) {
        if (kind === 'health_monitor' && r.kind === 'pool') {
          const p = this.store.get('pool', r.id)!;
          const ids = (p.spec.health_monitor_ids as string[]).filter((x) => x !== id);
          tx.put({ ...p, spec: { ...p.spec, health_monitor_ids: ids }, revision: p.revision + 1, updated_at: new Date().toISOString() });
        } else {
          tx.del(r.kind as Kind, r.id);
        }
      }
      tx.del(kind, id);
      return { pools: [...pools] };
    });
    this.tracker.forget(id);
    const needs = this.tracker.touch(`deleted:${id}`, pools, false);
    this.onChange(pools);
    return { object: null, needs };
  }

  private referrers(kind: Kind, id: string): { kind: Kind; id: string }[] {
    if (kind === 'pool') {
      const vip = vipOf(this.store, id);
      return [...(vip ? [{ kind: 'vip' as const, id: vip.id }] : []), ...membersOf(this.store, id).map((m) => ({ kind: 'member' as const, id: m.id }))];
    }
    if (kind === 'health_monitor') return poolsWithMonitor(this.store, id).map((p) => ({ kind: 'pool' as const, id: p.id }));
    return [];
  }
}
