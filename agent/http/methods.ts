/**
 * A URL of the API with a method it does not take: 405 with `Allow` (RFC 9110),
 * not a misleading 404; OPTIONS answers 204 with the same `Allow`. Derived from
 * the operation table, so every route gets it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OPERATIONS } from '../../schema/api.js';
import { AgentError } from '../errors.js';
import { sendProblem } from './problem.js';

const paths = [...new Set(OPERATIONS.map((op) => op.path))].map((p) => {
  const methods = OPERATIONS.filter((op) => op.path === p).map((op) => op.method.toUpperCase());
  if (methods.includes('GET')) methods.push('HEAD');
  return { re: new RegExp(`^${p.replace(/\{\w+\}/g, '[^/]+')}$`), allow: methods.join(', ') };
});

/**
 * Answers (405, or 204 to OPTIONS) when the URL is known but not with this
 * method; undefined otherwise. Runs on every request before the body is read,
 * so a method fastify reads a body for (QUERY) gets its 405 too.
 */
export function methodNotAllowed(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
  const url = req.url.split('?')[0]!;
  const known = paths.find((p) => p.re.test(url));
  if (!known || known.allow.split(', ').includes(req.method)) return undefined;
  reply.header('allow', known.allow);
  if (req.method === 'OPTIONS') return reply.code(204).send();
  return sendProblem(reply, new AgentError('method_not_allowed', `${req.method} is not allowed on ${url}; use ${known.allow}`));
}
