/** The agent's OpenAPI 3.1 document, generated from the zod schemas (JSON Schema 2020-12 is native to 3.1). */
import { z } from 'zod';
import { AgentInfo } from './agent-info.js';
import { AgentUpdate, ClusterAgent } from './agents.js';
import { Problem } from './problem.js';
import { KINDS, RESOURCES } from './resources.js';

function js(schema: z.ZodType): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  delete out.$schema;
  return out;
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export function buildOpenApi(version: string): Record<string, unknown> {
  const schemas: Record<string, unknown> = { Problem: js(Problem), AgentInfo: js(AgentInfo), ClusterAgent: js(ClusterAgent), AgentUpdate: js(AgentUpdate) };
  const paths: Record<string, unknown> = {};
  const waitParam = {
    name: 'wait',
    in: 'query',
    required: false,
    description: 'Seconds to wait for the change to be live on the data plane (0-300).',
    schema: { type: 'number', minimum: 0, maximum: 300 },
  };
  const errors = {
    '400': problemResponse('Invalid input; `errors` names each field.'),
    '401': problemResponse('Missing or wrong bearer token.'),
    '404': problemResponse('No such object.'),
    '409': problemResponse('Conflicts with another object.'),
    '412': problemResponse('If-Match does not match the current revision.'),
  };
  const bodyErrors = {
    '413': problemResponse('Body larger than 64 KiB.'),
    '415': problemResponse('Body is not application/json.'),
  };
  for (const kind of KINDS) {
    const def = RESOURCES[kind];
    const T = def.title;
    schemas[T] = js(def.output);
    schemas[`${T}Create`] = js(def.create);
    schemas[`${T}Update`] = js(def.update);
    const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
    const one = (d: string) => ({ description: d, content: { 'application/json': { schema: ref(T) } } });
    paths[`/v1/${def.collection}`] = {
      get: {
        operationId: `list${T}s`,
        tags: [T],
        parameters: kind === 'member' ? [{ name: 'pool_id', in: 'query', schema: { type: 'string', format: 'uuid' } }] : [],
        responses: {
          '200': {
            description: 'All objects of this kind.',
            content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: ref(T) } } } } },
          },
          '401': errors['401'],
        },
      },
      post: {
        operationId: `create${T}`,
        tags: [T],
        parameters: [
          waitParam,
          { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: ref(`${T}Create`) } } },
        responses: {
          '201': one('Created (durable).'),
          '200': one('Replay of an earlier request with the same Idempotency-Key.'),
          ...errors,
          ...bodyErrors,
          '422': problemResponse('Idempotency-Key already used with a different request.'),
        },
      },
    };
    paths[`/v1/${def.collection}/{id}`] = {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      get: { operationId: `get${T}`, tags: [T], responses: { '200': one('The object; ETag is its revision.'), ...errors } },
      put: {
        operationId: `update${T}`,
        tags: [T],
        parameters: [waitParam, { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: ref(`${T}Update`) } } },
        responses: { '200': one('Updated (durable).'), ...errors, ...bodyErrors },
      },
      delete: {
        operationId: `delete${T}`,
        tags: [T],
        parameters: [
          waitParam,
          { name: 'cascade', in: 'query', schema: { type: 'boolean' }, description: 'Also delete (or detach) the objects that refer to this one.' },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } },
        ],
        responses: { '204': { description: 'Deleted.' }, ...errors },
      },
    };
  }
  paths['/v1/pools/{id}/stats'] = {
    get: {
      operationId: 'getPoolStats',
      tags: ['Pool'],
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      responses: { '200': { description: 'Counters from the HAProxy stats socket.' }, '404': errors['404'] },
    },
  };
  const agentRef = { $ref: '#/components/schemas/ClusterAgent' };
  const agentIdParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  paths['/v1/agents'] = {
    get: {
      operationId: 'listAgents',
      tags: ['Agent'],
      responses: {
        '200': { description: 'The agents of the cluster (a single agent lists itself).', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: agentRef } } } } } },
        '401': errors['401'],
      },
    },
  };
  paths['/v1/agents/{id}'] = {
    parameters: [agentIdParam],
    get: { operationId: 'getClusterAgent', tags: ['Agent'], responses: { '200': { description: 'One agent.', content: { 'application/json': { schema: agentRef } } }, '401': errors['401'], '404': errors['404'] } },
    put: {
      operationId: 'updateClusterAgent',
      tags: ['Agent'],
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/AgentUpdate' } } } },
      responses: {
        '200': { description: 'Updated; admin_state_up false drains it.', content: { 'application/json': { schema: agentRef } } },
        '400': errors['400'],
        '401': errors['401'],
        '404': errors['404'],
        '409': problemResponse('A single agent cannot be drained.'),
        '503': problemResponse('etcd is unavailable.'),
      },
    },
  };
  paths['/v1/agents/{id}/pools'] = {
    parameters: [agentIdParam],
    get: {
      operationId: 'listAgentPools',
      tags: ['Agent'],
      responses: {
        '200': { description: 'Pools assigned to the agent.', content: { 'application/json': { schema: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Pool' } } } } } } },
        '401': errors['401'],
        '404': errors['404'],
      },
    },
  };
  paths['/v1/agent'] = {
    get: {
      operationId: 'getAgent',
      responses: { '200': { description: 'Agent facts.', content: { 'application/json': { schema: { $ref: '#/components/schemas/AgentInfo' } } } } },
    },
  };
  // Like every route, /healthz needs the bearer token (it reveals that an agent runs here).
  paths['/healthz'] = { get: { operationId: 'healthz', responses: { '200': { description: 'Alive.' }, '401': errors['401'] } } };
  paths['/openapi.json'] = { get: { operationId: 'openapi', responses: { '200': { description: 'This document.' }, '401': errors['401'] } } };
  paths['/metrics'] = { get: { operationId: 'metrics', responses: { '200': { description: 'Prometheus text format.' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'lbaas-agent', version, description: 'Load balancing as a service: pools, members, VIPs and health monitors served by HAProxy.' },
    servers: [{ url: 'http://127.0.0.1:9696' }],
    security: [{ bearer: [] }],
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths,
  };
}
