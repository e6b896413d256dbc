/**
 * This agent's record `<prefix>/agents/<agent_id>` under an etcd lease (its
 * liveness), refreshed with a heartbeat time and pool count, and the
 * scheduler's leadership `<prefix>/leader` under the same lease. A lost lease
 * (etcd unreachable longer than its TTL) is granted again once etcd answers.
 */
import type { Etcd3, Lease } from 'etcd3';
import type { Log } from '../log.js';
import type { AgentRecord, Mirror } from './mirror.js';

export class Registry {
  private lease: Lease | undefined;
  private timer: NodeJS.Timeout | undefined;
  private beating = false;
  private readonly startedAt = new Date().toISOString();
  leaderSince: number | undefined;

  constructor(
    private readonly client: Etcd3,
    private readonly mirror: Mirror,
    readonly agentId: string,
    private readonly ttlS: number,
    private readonly record: () => Omit<AgentRecord, 'heartbeat_at' | 'started_at'>,
    private readonly log: Log,
  ) {}

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), Math.max(500, (this.ttlS * 1000) / 3));
    this.timer.unref();
  }

  get isLeader(): boolean {
    return this.leaderSince !== undefined && this.mirror.leader === this.agentId;
  }

  private newLease(): Lease {
    const lease = this.client.lease(this.ttlS);
    lease.on('lost', (err) => {
      this.log.warn('etcd lease lost; will register again', { error: err.message });
      if (this.lease === lease) this.lease = undefined;
      this.leaderSince = undefined;
    });
    return lease;
  }

  /** Put the record (with a fresh heartbeat) and try to become leader. Never rejects. */
  async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      this.lease ??= this.newLease();
      const rec: AgentRecord = { ...this.record(), heartbeat_at: new Date().toISOString(), started_at: this.startedAt };
      await this.lease.put(this.mirror.keys.agent(this.agentId)).value(JSON.stringify(rec));
      const k = this.mirror.keys.leader;
      const id = await this.lease.grant();
      const r = await this.client
        .if(k, 'Create', '==', 0)
        .then(this.client.put(k).value(this.agentId).lease(id))
        .else(this.client.get(k))
        .commit();
      const holder = r.succeeded ? this.agentId : r.responses[0]?.response_range?.kvs[0]?.value.toString();
      if (holder === this.agentId) {
        if (this.leaderSince === undefined) this.log.info('scheduler: this agent is the leader', { agent: this.agentId });
        this.leaderSince ??= Date.now();
        this.mirror.leader = this.agentId;
      } else this.leaderSince = undefined;
    } catch (err) {
      this.leaderSince = undefined;
      this.log.debug('heartbeat failed', { error: err instanceof Error ? err.message : String(err) });
    } finally {
      this.beating = false;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    // A clean stop gives the pools away at once: revoking the lease removes the record and leadership.
    await this.lease?.revoke().catch(() => undefined);
  }
}
