/** /v1/<collection> and /v1/<collection>/{id} for the four object kinds. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { KINDS, RESOURCES, type Kind } from '../../../schema/resources.js';
import { AgentError } from '../../errors.js';
import type { Service, WriteResult } from '../../service/service.js';
import type { StatusTracker } from '../../status/tracker.js';
import type { ParsedQuery } from '../operations.js';
import { etag, parseIfMatch, parseWait } from '../preconditions.js';

/** The query and the headers named in schema/api.ts are already validated (agent/http/operations.ts). */
type Req = FastifyRequest<{ Params: { id: string }; Querystring: ParsedQuery }>;

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
      return { items: service.list(kind, req.query.pool_id !== undefined ? { pool_id: req.query.pool_id } : {}) };
    });

    app.get(`${base}/:id`, async (req: Req, reply) => {
      const o = service.find(kind, idOf(req, kind));
      return reply.header('etag', etag(o.revision)).send(service.view(o));
    });

    app.post(base, async (req: Req, reply) => {
      parseWait(req.query.wait, req.headers.prefer as string | undefined); // reject a bad wait before writing
      const r = await service.create(kind, req.body, req.headers['idempotency-key'] as string | undefined);
      return answer(req, reply, kind, r, r.created === false ? 200 : 201);
    });

    app.put(`${base}/:id`, async (req: Req, reply) => {
      parseWait(req.query.wait, req.headers.prefer as string | undefined);
      const r = await service.update(kind, idOf(req, kind), req.body, parseIfMatch(req.headers['if-match']));
      return answer(req, reply, kind, r, 200);
    });

    app.delete(`${base}/:id`, async (req: Req, reply) => {
      parseWait(req.query.wait, req.headers.prefer as string | undefined);
      const cascade = req.query.cascade ?? false;
      const id = idOf(req, kind);
      // Checked by the service under the write lock: a PUT between check and delete must not be lost.
      const r = await service.remove(kind, id, cascade, parseIfMatch(req.headers['if-match']));
      return answer(req, reply, kind, r, 204);
    });
  }
}
