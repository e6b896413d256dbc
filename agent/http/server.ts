/**
 * The agent's HTTP API on fastify: bearer auth on every request, JSON bodies
 * up to a small limit, problem+json for every error, and the routes.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics.js';
import type { StatusTracker } from '../status/tracker.js';
import { AgentError } from '../errors.js';
import { checkBearer } from './auth.js';
import { clientErrorHandler } from './client-error.js';
import { checkDepth } from './depth.js';
import { methodNotAllowed } from './methods.js';
import { bindOperations } from './operations.js';
import { sendProblem, toAgentError } from './problem.js';
import { objectRoutes } from './routes/objects.js';
import { systemRoutes, type SystemDeps } from './routes/system.js';

/** Objects are small; anything bigger is a mistake or an attack. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export interface ServerDeps extends SystemDeps {
  token: string;
  tracker: StatusTracker;
  metrics: Metrics;
  tls?: { key: Buffer; cert: Buffer };
}

export function buildServer(d: ServerDeps): FastifyInstance {
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: false,
    clientErrorHandler,
    ...(d.tls ? { https: d.tls } : {}),
  }) as unknown as FastifyInstance;

  // Bodies are JSON only: fastify's default text/plain parser would hand a string to the routes (→ 415 instead).
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', async (req, reply) => {
    checkBearer(req.headers.authorization, d.token);
    return methodNotAllowed(req, reply);
  });
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined) checkDepth(req.body);
  });
  app.addHook('onResponse', async (req, reply) => {
    d.metrics.request(req.method, reply.statusCode);
  });
  app.setErrorHandler((err, _req, reply) => {
    const e = toAgentError(err);
    return sendProblem(reply, e);
  });
  app.setNotFoundHandler((req, reply) => sendProblem(reply, new AgentError('not_found', `no route ${req.method} ${req.url.split('?')[0]}`)));
  bindOperations(app);

  objectRoutes(app, d.service, d.tracker);
  systemRoutes(app, d);
  return app;
}
