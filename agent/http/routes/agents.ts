/** /v1/agents, /v1/agents/{id}, /v1/agents/{id}/pools (≈ neutron agent-list, lb-pool-list-on-agent); PUT drains. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AgentUpdate } from '../../../schema/agents.js';
import { zodIssues } from '../../../schema/resources.js';
import type { AgentsApi } from '../../cluster/agents.js';
import { invalid } from '../../errors.js';
import type { Service } from '../../service/service.js';

type Req = FastifyRequest<{ Params: { agent_id: string }; Querystring: Record<string, string> }>;

export function agentRoutes(app: FastifyInstance, agents: AgentsApi, service: Service): void {
  app.get('/v1/agents', async (req: Req) => {
    return { items: agents.list() };
  });
  app.get('/v1/agents/:agent_id', async (req: Req) => {
    return agents.get(req.params.agent_id);
  });
  app.get('/v1/agents/:agent_id/pools', async (req: Req) => {
    const ids = agents.pools(req.params.agent_id);
    return { items: ids.map((id) => service.find('pool', id)).map((o) => service.view(o)) };
  });
  app.put('/v1/agents/:agent_id', async (req: Req) => {
    const r = AgentUpdate.safeParse(req.body);
    if (!r.success) throw invalid(zodIssues(r.error, req.body));
    return agents.setAdmin(req.params.agent_id, r.data.admin_state_up);
  });
}
