/**
 * A live load balancer to throw bad requests at: an agent, three real HTTP
 * backends, an HTTP pool with three members, an HTTP monitor and a VIP that
 * serves traffic; plus an unattached TCP monitor and a TCP pool without a VIP,
 * so that rules needing a second object have one.
 */
import { startAgent, type AgentHandle } from '../../harness/agent.js';
import { startBackends, type Backend } from '../../harness/backends.js';
import { createLb, type Lb } from '../../harness/fixtures.js';
import { eventually, request } from '../../harness/http.js';

export interface LiveLb extends Lb {
  agent: AgentHandle;
  backends: Backend[];
  tcpMonitorId: string;
  tcpPoolId: string;
  cleanup(): Promise<void>;
}

export async function startLiveLb(): Promise<LiveLb> {
  const agent = await startAgent();
  let backends: Backend[] = [];
  const cleanup = async () => {
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  };
  try {
    backends = await startBackends(3);
    const lb = await createLb(agent.client, backends, {
      monitor: { type: 'HTTP', delay: 1, timeout: 1, max_retries: 2, url_path: '/health', expected_codes: '200-204' },
      vip: { session_persistence: { type: 'HTTP_COOKIE' }, connection_limit: 100 },
    });
    const tcpMonitor = await agent.client.create('health_monitor', { type: 'TCP', delay: 5, timeout: 2, max_retries: 3 });
    const tcpPool = await agent.client.create('pool', { name: 'tcp-pool', protocol: 'TCP', lb_method: 'LEAST_CONNECTIONS', subnet: 'local' });
    // Settle: every member ONLINE and every write live, so that nothing changes on its own later.
    await eventually(async () => {
      const ms = await agent.client.list('member', { pool_id: lb.poolId });
      return ms.length === 3 && ms.every((m) => m.operating_status === 'ONLINE' && m.provisioning_status === 'ACTIVE');
    }, 30_000);
    const a = await request(lb.address, lb.port);
    if (a.status !== 200) throw new Error(`VIP does not serve: ${a.status}`);
    return { ...lb, agent, backends, tcpMonitorId: tcpMonitor.id!, tcpPoolId: tcpPool.id!, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}
