/** /v1/agents, /v1/agents/{id}, /v1/agents/{id}/pools (≈ neutron agent-list, lb-pool-list-on-agent); PUT drains. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AgentUpdate } from '../../../schema/agents.js';
import { zodIssues } from '../../../schema/resources.js';
import type { AgentsApi } from '../../cluster/agents.js';
import { AgentError, invalid } from '../../errors.js';
import type { Service } from '../../service/service.js';
import { sendProblem } from '../problem.js';
import { checkQuery } from '../preconditions.js';

type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>;

export function agentRoutes(app: FastifyInstance, agents: AgentsApi, service: Service): void {
  app.get('/v1/agents', async (req: Req) => {
    checkQuery(req.query, []);
    return { items: agents.list() };
  });
  app.get('/v1/agents/:id', async (req: Req) => {
    checkQuery(req.query, []);
    return agents.get(req.params.id);
  });
  app.get('/v1/agents/:id/pools', async (req: Req) => {
    checkQuery(req.query, []);
    const ids = agents.pools(req.params.id);
    return { items: ids.map((id) => service.find('pool', id)).map((o) => service.view(o)) };
  });
  app.put('/v1/agents/:id', async (req: Req) => {
    checkQuery(req.query, []);
    const r = AgentUpdate.safeParse(req.body);
    if (!r.success) throw invalid(zodIssues(r.error, req.body));
    return agents.setAdmin(req.params.id, r.data.admin_state_up);
  });
  const notAllowed = (allow: string) => async (req: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply.header('allow', allow), new AgentError('method_not_allowed', `${req.method} is not allowed here; use ${allow}`));
  app.route({ method: ['POST', 'PUT', 'DELETE', 'PATCH'], url: '/v1/agents', handler: notAllowed('GET') });
  app.route({ method: ['POST', 'DELETE', 'PATCH'], url: '/v1/agents/:id', handler: notAllowed('GET, PUT') });
  app.route({ method: ['POST', 'PUT', 'DELETE', 'PATCH'], url: '/v1/agents/:id/pools', handler: notAllowed('GET') });
}
