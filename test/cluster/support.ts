/** A cluster for tests: a private etcd and N agents (local driver) sharing one token and prefix. */
import type { ExecutionContext } from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { got } from 'got';
import { startAgent, type AgentHandle } from '../harness/agent.js';
import { startEtcd, type EtcdHandle } from '../harness/etcd.js';

export interface TestCluster {
  etcd: EtcdHandle;
  agents: AgentHandle[];
  tokenFile: string;
}

export async function startCluster(
  t: ExecutionContext,
  n: number,
  o: { members?: number; rescheduleAfter?: number; networks?: unknown[]; driver?: 'local' | 'netns'; extraArgs?: string[] } = {},
): Promise<TestCluster> {
  const etcd = await startEtcd(o.members ?? 1);
  const dir = mkdtempSync(path.join(tmpdir(), 'lbt-cluster-'));
  const tokenFile = path.join(dir, 'token');
  const agents: AgentHandle[] = [];
  t.teardown(async () => {
    await Promise.all(agents.map((a) => a.cleanup()));
    await etcd.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });
  const prefix = `/lbt${Math.floor(Math.random() * 1e9)}`;
  for (let i = 0; i < n; i++) {
    agents.push(
      await startAgent({
        driver: o.driver ?? 'local',
        tokenFile,
        ...(o.extraArgs ? { extraArgs: o.extraArgs } : {}),
        config: {
          networks: o.networks ?? [],
          cluster: { etcd: { endpoints: etcd.endpoints, prefix }, agent_id: `agent-${i}`, reschedule_after: o.rescheduleAfter ?? 30 },
        },
      }),
    );
  }
  return { etcd, agents, tokenFile };
}

/** A raw request, for headers and status codes the client hides. */
export async function raw(a: AgentHandle, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const r = await got(`${a.endpoint}${url}`, {
    method,
    headers: { authorization: `Bearer ${a.token}`, ...headers },
    ...(body !== undefined ? { json: body } : {}),
    throwHttpErrors: false,
    retry: { limit: 0 },
    timeout: { request: 10_000 },
  });
  return { status: r.statusCode, headers: r.headers, body: r.body ? (JSON.parse(r.body) as Record<string, unknown>) : {} };
}
