/** /healthz, /metrics, /openapi.json, /v1/agent and /v1/pools/{id}/stats. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AgentError } from '../../errors.js';
import type { AgentInfo } from '../../../schema/agent-info.js';
import type { Metrics } from '../../metrics.js';
import type { StatusPoller } from '../../reconcile/status-poller.js';
import type { Service } from '../../service/service.js';

export interface SystemDeps {
  service: Service;
  poller: StatusPoller;
  metrics: Metrics;
  agentInfo: () => AgentInfo;
  openapi: Record<string, unknown>;
  counts: () => Record<string, number>;
  /** Cluster mode: whether etcd answers; undefined for a single agent. */
  etcdUp?: () => boolean;
}

export function systemRoutes(app: FastifyInstance, d: SystemDeps): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/openapi.json', async () => d.openapi);
  app.get('/v1/agent', async () => d.agentInfo());
  app.get('/metrics', async (_req, reply) => {
    const pools = [...d.poller.latest].map(([id, rows]) => {
      const be = rows.find((r) => r.type === 1 && r.pxname === id);
      return { id, scur: be?.scur ?? 0, stot: be?.stot ?? 0 };
    });
    return reply.type('text/plain; version=0.0.4').send(d.metrics.render({ objects: d.counts(), pools, ...(d.etcdUp ? { etcdUp: d.etcdUp() } : {}) }));
  });
  app.get('/v1/pools/:id/stats', async (req) => {
    const { id } = req.params as { id: string };
    // Ids are UUIDs: anything else (e.g. "constructor") must not reach the store's object lookup.
    if (!z.uuid().safeParse(id).success) throw new AgentError('not_found', `no pool with id ${id}`);
    d.service.find('pool', id);
    const rows = d.poller.latest.get(id) ?? [];
    const pick = (r: (typeof rows)[number]) => ({
      current_sessions: r.scur,
      max_sessions: r.smax,
      total_sessions: r.stot,
      bytes_in: r.bin,
      bytes_out: r.bout,
      connection_errors: r.econ,
      response_errors: r.eresp,
      status: r.status,
    });
    const be = rows.find((r) => r.type === 1 && r.pxname === id);
    return {
      pool_id: id,
      ...(be ? pick(be) : {}),
      members: rows.filter((r) => r.type === 2 && r.pxname === id).map((r) => ({ member_id: r.svname, ...pick(r), weight: r.weight, check_status: r.check_status })),
    };
  });
}
