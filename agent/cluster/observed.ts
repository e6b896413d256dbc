/** Observed state in etcd: `<prefix>/status/<agent_id>/<pool_id>`, written by the hosting agent, read by every agent's view. */
import type { Etcd3 } from 'etcd3';
import type { ObservedStore, PoolObserved } from '../observed/types.js';
import type { Keys } from './keys.js';

export class EtcdObserved implements ObservedStore {
  constructor(
    private readonly client: Etcd3,
    private readonly keys: Keys,
    private readonly agentId: string,
  ) {}

  async load(): Promise<Map<string, PoolObserved>> {
    const prefix = this.keys.statusOf(this.agentId);
    const all = await this.client.getAll().prefix(prefix).strings();
    const out = new Map<string, PoolObserved>();
    for (const [k, v] of Object.entries(all)) out.set(k.slice(prefix.length), JSON.parse(v) as PoolObserved);
    return out;
  }

  async put(poolId: string, o: PoolObserved): Promise<void> {
    await this.client.put(this.keys.status(this.agentId, poolId)).value(JSON.stringify(o));
  }

  async remove(poolId: string): Promise<void> {
    await this.client.delete().key(this.keys.status(this.agentId, poolId));
  }

  async close(): Promise<void> {}
}
