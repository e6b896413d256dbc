/**
 * The agent's error registry: one stable code per failure, each with a fixed
 * HTTP status. Domain code throws AgentError; only the HTTP layer turns it
 * into problem+json.
 */
import type { ValidationIssue } from '../schema/resources.js';

export const ERRORS = {
  validation_failed: { status: 400, title: 'Invalid request' },
  rule_violated: { status: 422, title: 'The request breaks a rule of the API' },
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  malformed_request: { status: 400, title: 'Malformed HTTP request' },
  request_timeout: { status: 408, title: 'Request timeout' },
  headers_too_large: { status: 431, title: 'Request headers too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  body_too_large: { status: 413, title: 'Request body too large' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  still_referenced: { status: 409, title: 'Object is still referenced' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused with a different request' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  address_exhausted: { status: 409, title: 'No free address' },
  cannot_host: { status: 422, title: 'The named agent cannot host this pool' },
  ha_unavailable: { status: 422, title: 'High availability is not possible here' },
  data_plane_rejected: { status: 422, title: 'The data plane rejected the configuration' },
  internal: { status: 500, title: 'Internal error' },
  store_unavailable: { status: 503, title: 'etcd unavailable' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

export interface FieldError {
  path: (string | number)[];
  message: string;
}

export class AgentError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly extra: { errors?: FieldError[]; referrers?: { kind: string; id: string }[] } = {},
    options?: { cause?: unknown },
  ) {
    super(detail, options);
    this.status = ERRORS[code].status;
    this.title = ERRORS[code].title;
  }
}

/** ["query", "wait"] → query.wait; a key that is no plain name (empty, spaces…) is quoted: query[""]. */
export function fieldPath(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => {
    if (typeof p === 'number') return `${acc}[${p}]`;
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(p)) return `${acc}[${JSON.stringify(p)}]`;
    return acc ? `${acc}.${p}` : p;
  }, '');
}

/**
 * 400 when the published document already refuses the request; 422 when only
 * rules it states in words do (timeout ≤ delay, a pool that does not exist).
 */
export function invalid(issues: ValidationIssue[]): AgentError {
  const summary = issues.map((i) => `${fieldPath(i.path) || '(body)'}: ${i.message}`).join('; ');
  const errors = issues.map(({ path, message }) => ({ path, message }));
  return new AgentError(issues.every((i) => i.rule) ? 'rule_violated' : 'validation_failed', summary, { errors });
}

export function invalidField(path: (string | number)[], message: string): AgentError {
  return invalid([{ path, message }]);
}

export function ruleViolated(path: (string | number)[], message: string): AgentError {
  return invalid([{ path, message, rule: true }]);
}

/**
 * The shape of the host layers' typed failures (agent/ovs, agent/netns, the
 * netns driver): a stable code callers switch on, a message, and the
 * original error as `cause`. Each layer names its own codes.
 */
export class CodedError<C extends string> extends Error {
  constructor(
    readonly code: C,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Whether `e` is an error of class `cls` (with `code`, when given). */
export function hasCode<C extends string, E extends CodedError<C>>(cls: abstract new (...a: never[]) => E, e: unknown, code?: C): e is E {
  return e instanceof cls && (code === undefined || e.code === code);
}
