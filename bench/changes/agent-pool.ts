/**
 * The pool under test on the agent: built through the API, changed through
 * the API with `?wait=` (the change-to-live latency is that request's
 * duration), and watched through the master CLI so a change's real effect
 * (reload or not) is known, not assumed.
 */
import path from 'node:path';
import { parseShowProc } from '../../agent/haproxy/process.js';
import { socketCommand } from '../../agent/haproxy/socket.js';
import type { LbaasClient } from '../../client/index.js';
import type { AgentHandle } from '../../test/harness/agent.js';
import { TCP_MONITOR, type Change, type PoolState } from './plan.js';

/** How long a write may wait for the data plane; far above any goal, so a slow change is measured, not cut off. */
export const WAIT_S = 10;

export interface Vip {
  address: string;
  port: number;
}

export interface ChangeOutcome {
  latencyMs: number;
  /** The agent answered with the change live (ACTIVE, or a 204 within the wait for a delete). */
  live: boolean;
  error?: string;
}

function httpMonitorSpec(s: PoolState): Record<string, unknown> {
  return {
    delay: s.http.delay,
    timeout: s.http.timeout,
    max_retries: s.http.maxRetries,
    expected_codes: s.http.expectedCodes,
  };
}

export class AgentPool {
  private constructor(
    private readonly agent: AgentHandle,
    readonly poolId: string,
    private readonly httpMonitorId: string,
    private readonly tcpMonitorId: string,
    private readonly memberIds: Map<number, string>,
    private readonly ports: readonly number[],
  ) {}

  private get client(): LbaasClient {
    return this.agent.client;
  }

  static async create(agent: AgentHandle, ports: readonly number[], s: PoolState, vip: Vip): Promise<AgentPool> {
    const c = agent.client;
    const http = (await c.create('health_monitor', { type: 'HTTP', url_path: '/', ...httpMonitorSpec(s) })) as { id: string };
    const tcp = (await c.create('health_monitor', {
      type: 'TCP',
      delay: TCP_MONITOR.delay,
      timeout: TCP_MONITOR.timeout,
      max_retries: TCP_MONITOR.maxRetries,
    })) as { id: string };
    const pool = (await c.create('pool', {
      name: 'bench-changes',
      protocol: 'HTTP',
      lb_method: 'ROUND_ROBIN',
      subnet: 'local',
      health_monitor_ids: s.tcpAttached ? [http.id, tcp.id] : [http.id],
    })) as { id: string };
    const memberIds = new Map<number, string>();
    for (const [b, m] of s.members) {
      const o = (await c.create('member', {
        pool_id: pool.id,
        address: '127.0.0.1',
        protocol_port: ports[b]!,
        weight: m.weight,
        admin_state_up: m.adminUp,
      })) as { id: string };
      memberIds.set(b, o.id);
    }
    const v = (await c.create(
      'vip',
      { name: 'bench-changes', pool_id: pool.id, subnet: 'local', protocol: 'HTTP', protocol_port: vip.port, address: vip.address },
      { waitSeconds: WAIT_S },
    )) as { provisioning_status: string };
    if (v.provisioning_status !== 'ACTIVE') throw new Error(`VIP not live after ${WAIT_S} s: ${JSON.stringify(v)}`);
    return new AgentPool(agent, pool.id, http.id, tcp.id, memberIds, ports);
  }

  /** Apply one change (`after`: the pool state it leads to) and time it until the agent says it is live. */
  async apply(ch: Change, after: PoolState): Promise<ChangeOutcome> {
    const wait = { waitSeconds: WAIT_S };
    const t0 = performance.now();
    try {
      let status: string | undefined;
      switch (ch.kind) {
        case 'weight':
          status = await this.statusOf(this.client.update('member', this.member(ch.backend), { weight: ch.weight }, wait));
          break;
        case 'admin-state':
          status = await this.statusOf(this.client.update('member', this.member(ch.backend), { admin_state_up: ch.up }, wait));
          break;
        case 'add-member': {
          const spec = { pool_id: this.poolId, address: '127.0.0.1', protocol_port: this.ports[ch.backend]!, weight: ch.weight };
          const o = (await this.client.create('member', spec, wait)) as { id: string; provisioning_status: string };
          this.memberIds.set(ch.backend, o.id);
          status = o.provisioning_status;
          break;
        }
        case 'remove-member':
          await this.client.delete('member', this.member(ch.backend), wait);
          this.memberIds.delete(ch.backend);
          break;
        case 'monitor-update': {
          const patch = { delay: ch.delay, timeout: ch.timeout, max_retries: ch.maxRetries, expected_codes: ch.expectedCodes };
          status = await this.statusOf(this.client.update('health_monitor', this.httpMonitorId, patch, wait));
          break;
        }
        case 'monitor-attach':
        case 'monitor-detach': {
          const ids = after.tcpAttached ? [this.httpMonitorId, this.tcpMonitorId] : [this.httpMonitorId];
          status = await this.statusOf(this.client.update('pool', this.poolId, { health_monitor_ids: ids }, wait));
          break;
        }
      }
      const latencyMs = performance.now() - t0;
      // A delete answers 204 without a body: live unless the wait ran out.
      const live = status === undefined ? latencyMs < WAIT_S * 1000 : status === 'ACTIVE';
      return { latencyMs, live, ...(live ? {} : { error: `provisioning_status ${status ?? 'unknown'} after the wait` }) };
    } catch (err) {
      return { latencyMs: performance.now() - t0, live: false, error: err instanceof Error ? err.message : String(err) };
    }
  }

  private member(backend: number): string {
    const id = this.memberIds.get(backend);
    if (!id) throw new Error(`no member for backend ${backend}`);
    return id;
  }

  private async statusOf(p: Promise<unknown>): Promise<string> {
    return ((await p) as { provisioning_status: string }).provisioning_status;
  }

  /** Reloads the master has done so far (master CLI `show proc`), or undefined when it does not answer. */
  async reloads(): Promise<number | undefined> {
    try {
      const sock = path.join(this.agent.stateDir, 'pools', this.poolId, 'master.sock');
      return parseShowProc(await socketCommand(sock, 'show proc'))?.reloads;
    } catch {
      return undefined;
    }
  }
}
