/**
 * Every operation of the agent's HTTP API, once. The OpenAPI document is
 * generated from this table (schema/openapi.ts), and the agent refuses at
 * start-up a route that is not in it, and validates each request's query and
 * headers against its entry (agent/http/operations.ts). The answers every
 * operation can give (400 for its query, 401, 404 for a path with an id, 413
 * and 415 for a body) are added by rule, so a new route gets them for free.
 */
import { KINDS, RESOURCES } from './resources.js';
import type { HeaderName, QueryName } from './params.js';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface Reply {
  description: string;
  /** Name of a component schema (JSON), or 'text' for text/plain, or none (no body). */
  schema?: string;
  /** Response headers the agent always sends with this reply. */
  headers?: readonly ('ETag' | 'Location')[];
}

export interface Operation {
  id: string;
  method: Method;
  /** OpenAPI path, e.g. /v1/pools/{id}. */
  path: string;
  summary: string;
  tag?: string;
  query?: readonly QueryName[];
  headers?: readonly HeaderName[];
  /** Component schema of the JSON request body. */
  body?: string;
  /** Success answers by status. */
  replies: Record<string, Reply>;
  /** Error statuses of this operation beyond those every operation of its shape has. */
  errors?: readonly number[];
}

/** What each error status means; every status an operation lists must be here. */
export const ERROR_STATUSES: Record<number, string> = {
  400: 'The request does not match this document (body, query or header); `errors` names each field.',
  401: 'Missing or wrong bearer token.',
  404: 'No such object (or the one an Idempotency-Key created has since been deleted).',
  409: 'Conflicts with another object (a duplicate, one VIP per pool, a referenced object, no free address).',
  412: 'If-Match does not match the current revision.',
  413: 'Body larger than 64 KiB.',
  415: 'Body is not application/json.',
  422:
    'Matches this document but breaks a rule it states in words: a referenced object that does not exist, ' +
    'timeout above delay, a VIP protocol other than its pool\'s, HTTP fields on a TCP monitor, a reused Idempotency-Key, ' +
    'or a configuration HAProxy refused; `errors` names each field.',
};

/** The error statuses an operation answers: its own and those of every operation of its shape. */
export function errorStatuses(op: Operation): number[] {
  const s = new Set<number>([400, 401, ...(op.errors ?? [])]);
  if (op.path.includes('{')) s.add(404);
  if (op.body) {
    s.add(413);
    s.add(415);
  }
  return [...s].sort((a, b) => a - b);
}

function objectOperations(): Operation[] {
  return KINDS.flatMap((kind): Operation[] => {
    const { title: T, collection } = RESOURCES[kind];
    const base = `/v1/${collection}`;
    const item = `${base}/{id}`;
    const one = (description: string, extra: Reply['headers'] = []): Reply => ({ description, schema: T, headers: ['ETag', ...extra] });
    return [
      {
        id: `list${T}s`,
        method: 'get',
        path: base,
        tag: T,
        summary: `All ${collection}.`,
        ...(kind === 'member' ? { query: ['pool_id'] as const } : {}),
        replies: { '200': { description: 'All objects of this kind.', schema: `${T}List` } },
      },
      {
        id: `create${T}`,
        method: 'post',
        path: base,
        tag: T,
        summary: `Create a ${kind}.`,
        query: ['wait'],
        headers: ['Idempotency-Key'],
        body: `${T}Create`,
        replies: {
          '201': one('Created (durable).', ['Location']),
          '200': one('Replay of an earlier request with the same Idempotency-Key.', ['Location']),
        },
        // 404: the object an Idempotency-Key created has since been deleted.
        errors: [404, 409, 422],
      },
      { id: `get${T}`, method: 'get', path: item, tag: T, summary: `One ${kind}.`, replies: { '200': one('The object; ETag is its revision.') } },
      {
        id: `update${T}`,
        method: 'put',
        path: item,
        tag: T,
        summary: `Change the fields the body names.`,
        query: ['wait'],
        headers: ['If-Match'],
        body: `${T}Update`,
        replies: { '200': one('Updated (durable).', ['Location']) },
        errors: [409, 412, 422],
      },
      {
        id: `delete${T}`,
        method: 'delete',
        path: item,
        tag: T,
        summary: `Delete a ${kind}.`,
        query: ['wait', 'cascade'],
        headers: ['If-Match'],
        replies: { '204': { description: 'Deleted.' } },
        errors: [409, 412],
      },
    ];
  });
}

export const OPERATIONS: readonly Operation[] = [
  ...objectOperations(),
  {
    id: 'getPoolStats',
    method: 'get',
    path: '/v1/pools/{id}/stats',
    tag: 'Pool',
    summary: "Counters from the pool's HAProxy.",
    replies: { '200': { description: 'Counters from the HAProxy stats socket.', schema: 'PoolStats' } },
  },
  { id: 'getAgent', method: 'get', path: '/v1/agent', summary: 'Agent facts.', replies: { '200': { description: 'Agent facts.', schema: 'AgentInfo' } } },
  // Like every route, /healthz needs the bearer token (it reveals that an agent runs here).
  { id: 'healthz', method: 'get', path: '/healthz', summary: 'Liveness.', replies: { '200': { description: 'Alive.', schema: 'Health' } } },
  { id: 'openapi', method: 'get', path: '/openapi.json', summary: 'This document.', replies: { '200': { description: 'This document.', schema: 'Document' } } },
  { id: 'metrics', method: 'get', path: '/metrics', summary: 'Prometheus metrics.', replies: { '200': { description: 'Prometheus text format.', schema: 'text' } } },
];
