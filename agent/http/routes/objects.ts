/** /v1/<collection> and /v1/<collection>/{id} for the four object kinds. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { KINDS, RESOURCES, type Kind } from '../../../schema/resources.js';
import { AgentError, invalidField } from '../../errors.js';
import type { Service, WriteResult } from '../../service/service.js';
import type { StatusTracker } from '../../status/tracker.js';
import { etag, parseIdempotencyKey, parseIfMatch, parseWait } from '../preconditions.js';

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
      const o = service.find(kind, idOf(req, kind));
      return reply.header('etag', etag(o.revision)).send(service.view(o));
    });

    app.post(base, async (req: Req, reply) => {
      parseWait(req.query.wait, req.headers.prefer as string | undefined); // reject a bad wait before writing
      const key = parseIdempotencyKey(req.headers['idempotency-key'] as string | undefined);
      const r = await service.create(kind, req.body, key);
      return answer(req, reply, kind, r, r.created === false ? 200 : 201);
    });

    app.put(`${base}/:id`, async (req: Req, reply) => {
      parseWait(req.query.wait, req.headers.prefer as string | undefined);
      const r = await service.update(kind, idOf(req, kind), req.body, parseIfMatch(req.headers['if-match']));
      return answer(req, reply, kind, r, 200);
    });

    app.delete(`${base}/:id`, async (req: Req, reply) => {
      parseWait(req.query.wait, req.headers.prefer as string | undefined);
      const cascade = req.query.cascade === 'true' || req.query.cascade === '1';
      const id = idOf(req, kind);
      const ifMatch = parseIfMatch(req.headers['if-match']);
      if (ifMatch !== undefined && service.find(kind, id).revision !== ifMatch) {
        throw new AgentError('precondition_failed', `${kind} ${id} is not at revision ${ifMatch}`);
      }
      const r = await service.remove(kind, id, cascade);
      return answer(req, reply, kind, r, 204);
    });
  }
}
