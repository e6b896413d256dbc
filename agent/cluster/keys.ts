/**
 * Key layout of one cluster under its prefix P (all JSON values):
 *   P/desired/meta                         touched by every desired-state write (the txn compare)
 *   P/desired/obj/<kind>/<id>              an object; its mod_revision is its revision / ETag
 *   P/desired/idem/<key>                   Idempotency-Key → created object (create-if-absent)
 *   P/desired/cursor/<network>             VIP allocation cursor
 *   P/desired/alloc/<subnet>/<addr>/<port> taken VIP address and port (create-if-absent)
 *   P/assign/<pool_id>                     {agent_ids}: where the scheduler put the pool
 *   P/agents/<agent_id>                    agent record, under the agent's lease
 *   P/admin/<agent_id>                     {admin_state_up}: drain, survives the lease
 *   P/status/<agent_id>/<pool_id>          observed state written by the hosting agent
 *   P/leader                               the scheduler's leader, under its lease
 */
import type { Kind } from '../../schema/resources.js';
import { KINDS } from '../../schema/resources.js';

export type ParsedKey =
  | { type: 'meta' }
  | { type: 'obj'; kind: Kind; id: string }
  | { type: 'idem'; key: string }
  | { type: 'cursor'; network: string }
  | { type: 'alloc' }
  | { type: 'assign'; pool: string }
  | { type: 'agent'; agent: string }
  | { type: 'admin'; agent: string }
  | { type: 'status'; agent: string; pool: string }
  | { type: 'leader' }
  | { type: 'other' };

export class Keys {
  constructor(readonly prefix: string) {}
  get all(): string {
    return `${this.prefix}/`;
  }
  get meta(): string {
    return `${this.prefix}/desired/meta`;
  }
  obj(kind: Kind, id: string): string {
    return `${this.prefix}/desired/obj/${kind}/${id}`;
  }
  idem(key: string): string {
    return `${this.prefix}/desired/idem/${encodeURIComponent(key)}`;
  }
  cursor(network: string): string {
    return `${this.prefix}/desired/cursor/${network}`;
  }
  alloc(subnet: string, address: string, port: number): string {
    return `${this.prefix}/desired/alloc/${subnet}/${address}/${port}`;
  }
  assign(pool: string): string {
    return `${this.prefix}/assign/${pool}`;
  }
  agent(id: string): string {
    return `${this.prefix}/agents/${id}`;
  }
  admin(id: string): string {
    return `${this.prefix}/admin/${id}`;
  }
  status(agent: string, pool: string): string {
    return `${this.prefix}/status/${agent}/${pool}`;
  }
  statusOf(agent: string): string {
    return `${this.prefix}/status/${agent}/`;
  }
  get leader(): string {
    return `${this.prefix}/leader`;
  }

  parse(key: string): ParsedKey {
    if (!key.startsWith(this.all)) return { type: 'other' };
    const parts = key.slice(this.all.length).split('/');
    const [a, b, c, d] = parts;
    if (a === 'desired') {
      if (b === 'meta' && parts.length === 2) return { type: 'meta' };
      if (b === 'obj' && parts.length === 4 && (KINDS as readonly string[]).includes(c!)) return { type: 'obj', kind: c as Kind, id: d! };
      if (b === 'idem' && parts.length === 3) return { type: 'idem', key: decodeURIComponent(c!) };
      if (b === 'cursor' && parts.length === 3) return { type: 'cursor', network: c! };
      if (b === 'alloc') return { type: 'alloc' };
    }
    if (a === 'assign' && parts.length === 2) return { type: 'assign', pool: b! };
    if (a === 'agents' && parts.length === 2) return { type: 'agent', agent: b! };
    if (a === 'admin' && parts.length === 2) return { type: 'admin', agent: b! };
    if (a === 'status' && parts.length === 3) return { type: 'status', agent: b!, pool: c! };
    if (a === 'leader' && parts.length === 1) return { type: 'leader' };
    return { type: 'other' };
  }
}
