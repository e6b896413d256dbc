/**
 * schema/api.ts applied to fastify, in one place: every route must be an
 * operation of the table (checked as routes are added, so a forgotten entry
 * stops the agent at start-up instead of leaving the document wrong), and each
 * request's query and headers are validated against its operation: an unknown
 * or malformed parameter is a 400 naming it (`query.wait`, `header.If-Match`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { OPERATIONS, type Operation } from '../../schema/api.js';
import { HEADERS, QUERY, type QueryName } from '../../schema/params.js';
import type { ValidationIssue } from '../../schema/resources.js';
import { invalid } from '../errors.js';

/** /v1/pools/{id} → /v1/pools/:id */
export const fastifyPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

const byRoute = new Map<string, Operation>(OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${fastifyPath(op.path)}`, op]));

/** JSON type of each query parameter: the query string carries text, the schema a number or boolean. */
const queryType = Object.fromEntries(
  Object.entries(QUERY).map(([k, s]) => [k, (z.toJSONSchema(s, { unrepresentable: 'any' }) as { type?: string }).type]),
) as Record<QueryName, string | undefined>;

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

function decode(type: string | undefined, raw: string): unknown {
  // Anything else stays a string, which the schema then refuses with its own message.
  if (type === 'number' && JSON_NUMBER.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === '1')) return true;
  if (type === 'boolean' && (raw === 'false' || raw === '0')) return false;
  return raw;
}

function parseQuery(query: Record<string, unknown>, op: Operation, issues: ValidationIssue[]): Record<string, unknown> {
  const allowed: readonly string[] = op.query ?? [];
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(query)) {
    const path = ['query', k];
    if (!allowed.includes(k)) {
      issues.push({ path, message: `unknown query parameter (this operation takes: ${allowed.join(', ') || 'none'})` });
    } else if (typeof raw !== 'string') {
      issues.push({ path, message: 'must be given once' });
    } else {
      const r = QUERY[k as QueryName].safeParse(decode(queryType[k as QueryName], raw));
      if (r.success) out[k] = r.data;
      else issues.push(...r.error.issues.map((i) => ({ path, message: i.message })));
    }
  }
  return out;
}

function checkHeaders(req: FastifyRequest, op: Operation, issues: ValidationIssue[]): void {
  for (const h of op.headers ?? []) {
    const v = req.headers[h.toLowerCase()];
    if (v === undefined) continue;
    const r = HEADERS[h].safeParse(v);
    if (!r.success) issues.push(...r.error.issues.map((i) => ({ path: ['header', h], message: `${i.message}, got ${JSON.stringify(v)}` })));
  }
}

export function bindOperations(app: FastifyInstance): void {
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat()) {
      // fastify adds HEAD for every GET by itself.
      if (m === 'HEAD' && byRoute.has(`GET ${r.url}`)) continue;
      if (!byRoute.has(`${m} ${r.url}`)) throw new Error(`route ${m} ${r.url} is not an operation of schema/api.ts (add it there so the OpenAPI document has it)`);
    }
  });
  app.addHook('preValidation', async (req) => {
    const op = byRoute.get(`${req.method === 'HEAD' ? 'GET' : req.method} ${req.routeOptions.url}`);
    if (!op) return;
    const issues: ValidationIssue[] = [];
    req.query = parseQuery(req.query as Record<string, unknown>, op, issues);
    checkHeaders(req, op, issues);
    if (issues.length) throw invalid(issues);
  });
}

/** Parsed query of a request (after bindOperations' hook). */
export type ParsedQuery = { [K in QueryName]?: z.output<(typeof QUERY)[K]> };
