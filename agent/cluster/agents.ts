/** The agents of the cluster, for GET/PUT /v1/agents: live ones from their lease records, gone ones from what this agent saw last. */
import type { Etcd3 } from 'etcd3';
import type { ClusterAgent } from '../../schema/agents.js';
import { AgentError } from '../errors.js';
import { unavailable } from './etcd-store.js';
import type { AgentRecord, Mirror } from './mirror.js';

export interface AgentsApi {
  list(): ClusterAgent[];
  get(id: string): ClusterAgent;
  pools(id: string): string[];
  setAdmin(id: string, up: boolean): Promise<ClusterAgent>;
}

export class ClusterAgents implements AgentsApi {
  private readonly lastSeen = new Map<string, AgentRecord>();

  constructor(
    private readonly client: Etcd3,
    private readonly mirror: Mirror,
  ) {
    mirror.on('agents', () => {
      for (const [id, r] of mirror.agents) this.lastSeen.set(id, r);
    });
  }

  private ids(): string[] {
    const m = this.mirror;
    const ids = new Set([...m.agents.keys(), ...this.lastSeen.keys(), ...m.admin.keys(), ...[...m.assign.values()].flatMap((a) => a.agent_ids)]);
    return [...ids].sort();
  }

  pools(id: string): string[] {
    this.get(id);
    return [...this.mirror.assign].filter(([, a]) => a.agent_ids.includes(id)).map(([p]) => p);
  }

  private view(id: string): ClusterAgent {
    const live = this.mirror.agents.get(id);
    const r = live ?? this.lastSeen.get(id);
    return {
      agent_id: id,
      alive: live !== undefined,
      admin_state_up: this.mirror.admin.get(id) !== false,
      networks: r?.networks ?? [],
      driver: r?.driver ?? null,
      version: r?.version ?? null,
      availability_zone: r?.availability_zone ?? null,
      pool_count: [...this.mirror.assign.values()].filter((a) => a.agent_ids.includes(id)).length,
      heartbeat_at: r?.heartbeat_at ?? null,
      endpoint: r?.endpoint ?? null,
      leader: this.mirror.leader === id,
    };
  }

  list(): ClusterAgent[] {
    return this.ids().map((id) => this.view(id));
  }

  get(id: string): ClusterAgent {
    if (!this.ids().includes(id)) throw new AgentError('not_found', `no agent with id ${id}`);
    return this.view(id);
  }

  async setAdmin(id: string, up: boolean): Promise<ClusterAgent> {
    this.get(id);
    if (this.mirror.stale) throw unavailable();
    try {
      const r = await this.client.put(this.mirror.keys.admin(id)).value(JSON.stringify({ admin_state_up: up }));
      await this.mirror.waitFor(Number(r.header!.revision), 2_000);
    } catch (err) {
      throw unavailable(err);
    }
    return this.view(id);
  }
}

/** A single agent (no cluster): itself, hosting every pool. */
export class SingleAgent implements AgentsApi {
  constructor(
    private readonly self: () => ClusterAgent,
    private readonly allPools: () => string[],
  ) {}
  list(): ClusterAgent[] {
    return [this.self()];
  }
  get(id: string): ClusterAgent {
    const s = this.self();
    if (id !== s.agent_id) throw new AgentError('not_found', `no agent with id ${id}`);
    return s;
  }
  pools(id: string): string[] {
    this.get(id);
    return this.allPools();
  }
  async setAdmin(id: string): Promise<ClusterAgent> {
    this.get(id);
    throw new AgentError('conflict', 'a single agent (no cluster config) cannot be drained: there is nowhere to move its pools');
  }
}
