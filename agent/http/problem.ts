/** Errors → application/problem+json. The only place domain errors become HTTP. */
import type { FastifyError, FastifyReply } from 'fastify';
import type { Problem } from '../../schema/problem.js';
import { AgentError, ERRORS, type ErrorCode, fieldPath } from '../errors.js';

export function sendProblem(reply: FastifyReply, err: AgentError): FastifyReply {
  const body: Problem = {
    type: `urn:lbaas:error:${err.code}`,
    title: err.title,
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(err.extra.errors ? { errors: err.extra.errors.map((e) => ({ path: e.path, field: fieldPath(e.path), message: e.message })) } : {}),
    ...(err.extra.referrers ? { referrers: err.extra.referrers } : {}),
  };
  // RFC 9110: a 401 says which scheme it wants.
  if (err.code === 'unauthorized') reply.header('www-authenticate', 'Bearer realm="lbaas-agent"');
  return reply.code(err.status).type('application/problem+json').send(body);
}

/** Fastify's own errors (parser, limits) mapped to our registry. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed_json',
};

export function toAgentError(err: unknown): AgentError {
  if (err instanceof AgentError) return err;
  const fe = err as Partial<FastifyError>;
  const code = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (code) return new AgentError(code, fe.message ?? ERRORS[code].title, {}, { cause: err });
  if (err instanceof SyntaxError) return new AgentError('malformed_json', err.message, {}, { cause: err });
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AgentError('validation_failed', fe.message ?? 'bad request', {}, { cause: err });
  }
  return new AgentError('internal', err instanceof Error ? err.message : String(err), {}, { cause: err });
}
