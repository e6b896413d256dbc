/** /v1/<collection> and /v1/<collection>/{id} for the four object kinds. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { KINDS, RESOURCES, type Kind } from '../../../schema/resources.js';
import { AgentError, invalidField } from '../../errors.js';
import type { Service, WriteResult } from '../../service/service.js';
import type { StatusTracker } from '../../status/tracker.js';
import { sendProblem } from '../problem.js';
import { checkQuery, etag, parseCascade, parseIdempotencyKey, parseIfMatch, parseWait } from '../preconditions.js';

type Req = FastifyRequest<{ Params: { id: string }; Querystring: Record<string, string> }>;

const IdParam = z.uuid();

function idOf(req: Req, kind: Kind): string {
  if (!IdParam.safeParse(req.params.id).success) throw new AgentError('not_found', `no ${kind} with id ${req.params.id}`);
  return req.params.id;
}

export function objectRoutes(app: FastifyInstance, service: Service, tracker: StatusTracker): void {
  /** Wait (if asked) for the write to be live, then answer with the object's current view. */
  async function answer(req: Req, reply: FastifyReply, kind: Kind, r: WriteResult, status: number) {
    const waitMs = parseWait(req.query.wait, req.headers.prefer as string | undefined);
    if (waitMs > 0) await tracker.waitLive(r.needs, waitMs);
    if (!r.object) return reply.code(204).send();
    const cur = service.find(kind, r.object.id as string);
    const view = service.view(cur);
    return reply.code(status).header('etag', etag(cur.revision)).header('location', `/v1/${RESOURCES[kind].collection}/${cur.id}`).send(view);
  }

  for (const kind of KINDS) {
    const base = `/v1/${RESOURCES[kind].collection}`;

    app.get(base, async (req: Req) => {
      const filter: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.query)) {
        if (k === 'pool_id' && kind === 'member') filter.pool_id = v;
        else throw invalidField([k], 'unknown query parameter');
      }
      return { items: service.list(kind, filter) };
    });

    app.get(`${base}/:id`, async (req: Req, reply) => {
      checkQuery(req.query, []);
      const o = service.find(kind, idOf(req, kind));
      return reply.header('etag', etag(o.revision)).send(service.view(o));
    });

    app.post(base, async (req: Req, reply) => {
      checkQuery(req.query, ['wait']);
      parseWait(req.query.wait, req.headers.prefer as string | undefined); // reject a bad wait before writing
      const key = parseIdempotencyKey(req.headers['idempotency-key'] as string | undefined);
      const r = await service.create(kind, req.body, key);
      return answer(req, reply, kind, r, r.created === false ? 200 : 201);
    });

    app.put(`${base}/:id`, async (req: Req, reply) => {
      checkQuery(req.query, ['wait']);
      parseWait(req.query.wait, req.headers.prefer as string | undefined);
      const r = await service.update(kind, idOf(req, kind), req.body, parseIfMatch(req.headers['if-match']));
      return answer(req, reply, kind, r, 200);
    });

    app.delete(`${base}/:id`, async (req: Req, reply) => {
      checkQuery(req.query, ['wait', 'cascade']);
      parseWait(req.query.wait, req.headers.prefer as string | undefined);
      const cascade = parseCascade(req.query.cascade);
      const id = idOf(req, kind);
      // Checked by the service under the write lock: a PUT between check and delete must not be lost.
      const r = await service.remove(kind, id, cascade, parseIfMatch(req.headers['if-match']));
      return answer(req, reply, kind, r, 204);
    });

    // A known URL with a method it does not take: 405 with Allow, not a misleading 404.
    const notAllowed = (allow: string) => async (req: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply.header('allow', allow), new AgentError('method_not_allowed', `${req.method} is not allowed here; use ${allow}`));
    app.route({ method: ['PUT', 'DELETE', 'PATCH'], url: base, handler: notAllowed('GET, POST') });
    app.route({ method: ['POST', 'PATCH'], url: `${base}/:id`, handler: notAllowed('GET, PUT, DELETE') });
  }
}
