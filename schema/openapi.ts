/**
 * The agent's OpenAPI 3.1 document, generated from the operation table
 * (schema/api.ts) and the zod schemas (JSON Schema 2020-12 is native to 3.1).
 * Refinements reach it through schema/published.ts; the networks this agent
 * knows are published as the enum of every `subnet`.
 */
import { z } from 'zod';
import { AgentInfo } from './agent-info.js';
import { ERROR_STATUSES, errorStatuses, OPERATIONS, type Operation, type Reply } from './api.js';
import { HEADERS, QUERY } from './params.js';
import { Problem } from './problem.js';
import { publishOverride, type DocContext } from './published.js';
import { KINDS, RESOURCES } from './resources.js';
import { PoolStats } from './stats.js';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, c: DocContext): Json {
  const out = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', override: publishOverride(c) }) as Json;
  delete out.$schema;
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const RESPONSE_HEADERS: Record<string, Json> = {
  ETag: { description: 'The revision, e.g. "3"; send it back as If-Match.', schema: { type: 'string', pattern: '^"[0-9]+"$' } },
  Location: { description: 'URL of the object.', schema: { type: 'string' } },
};

function reply(r: Reply): Json {
  const out: Json = { description: r.description };
  if (r.schema === 'text') out.content = { 'text/plain': { schema: { type: 'string' } } };
  else if (r.schema) out.content = { 'application/json': { schema: ref(r.schema) } };
  if (r.headers?.length) out.headers = Object.fromEntries(r.headers.map((h) => [h, { required: true, ...RESPONSE_HEADERS[h] }]));
  return out;
}

function problem(status: number): Json {
  const out: Json = { description: ERROR_STATUSES[status], content: { 'application/problem+json': { schema: ref('Problem') } } };
  // RFC 9110: a 401 says which scheme it wants.
  if (status === 401) out.headers = { 'WWW-Authenticate': { required: true, schema: { type: 'string' } } };
  return out;
}

/** The object kind an operation creates (POST with a 201), by its answer's schema name. */
function createdTitle(op: Operation): string | undefined {
  return op.method === 'post' ? op.replies['201']?.schema : undefined;
}

const snake = (title: string) => title.replace(/(?<=[a-z])(?=[A-Z])/g, '_').toLowerCase();

/**
 * OpenAPI links, derived: what a create answers (its id) feeds every operation
 * on that object's URL, and every create or list that takes `<kind>_id`, so the
 * stateful phase of a fuzzer (and a reader) can walk from a POST to real objects.
 */
function linksOf(op: Operation, schemas: Record<string, Json>): Json | undefined {
  const title = createdTitle(op);
  if (!title) return undefined;
  const links: Json = {};
  const idField = `${snake(title)}_id`;
  for (const target of OPERATIONS) {
    if (target === op) continue;
    if (target.path.startsWith(`${op.path}/{id}`)) {
      links[target.id] = { operationId: target.id, parameters: { 'path.id': '$response.body#/id' } };
    } else if (target.query?.some((q) => q === idField)) {
      links[target.id] = { operationId: target.id, parameters: { [`query.${idField}`]: '$response.body#/id' } };
    } else if (target.method === 'post' && target.body && idField in ((schemas[target.body]?.properties as Json | undefined) ?? {})) {
      links[target.id] = { operationId: target.id, requestBody: { [idField]: '$response.body#/id' } };
    }
  }
  return Object.keys(links).length ? links : undefined;
}

function parameters(op: Operation, c: DocContext): Json[] {
  const out: Json[] = [];
  for (const m of op.path.matchAll(/\{(\w+)\}/g)) out.push({ name: m[1], in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });
  for (const q of op.query ?? []) {
    const s = jsonSchema(QUERY[q], c);
    const { description } = s;
    delete s.description;
    out.push({ name: q, in: 'query', required: false, description, schema: s });
  }
  for (const h of op.headers ?? []) {
    const s = jsonSchema(HEADERS[h], c);
    const { description } = s;
    delete s.description;
    out.push({ name: h, in: 'header', required: false, description, schema: s });
  }
  return out;
}

export function buildOpenApi(version: string, c: DocContext): Json {
  const schemas: Record<string, Json> = {
    Problem: jsonSchema(Problem, c),
    AgentInfo: jsonSchema(AgentInfo, c),
    PoolStats: jsonSchema(PoolStats, c),
    Health: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
    Document: { type: 'object', description: 'An OpenAPI 3.1 document.', required: ['openapi', 'paths'] },
  };
  for (const kind of KINDS) {
    const def = RESOURCES[kind];
    schemas[def.title] = jsonSchema(def.output, c);
    schemas[`${def.title}Create`] = jsonSchema(def.create, c);
    schemas[`${def.title}Update`] = jsonSchema(def.update, c);
    schemas[`${def.title}List`] = { type: 'object', properties: { items: { type: 'array', items: ref(def.title) } }, required: ['items'] };
  }

  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const responses: Json = {};
    for (const [status, r] of Object.entries(op.replies)) {
      responses[status] = reply(r);
      const links = linksOf(op, schemas);
      if (links && status === '201') (responses[status] as Json).links = links;
    }
    for (const status of errorStatuses(op)) responses[String(status)] = problem(status);
    const params = parameters(op, c);
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.id,
      summary: op.summary,
      ...(op.tag ? { tags: [op.tag] } : {}),
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(op.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'lbaas-agent', version, description: 'Load balancing as a service: pools, members, VIPs and health monitors served by HAProxy.' },
    servers: [{ url: 'http://127.0.0.1:9696' }],
    security: [{ bearer: [] }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
