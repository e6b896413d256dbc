import { z } from 'zod';
import { computed, optional, required } from './attr.js';
import { AdminStateUp, Id } from './common.js';
import { bookkeepingAttrs, idAttr, statusAttrs } from './base.js';
import { refineRule } from './published.js';
import type { Rule, RuleIssue } from './rules.js';

export const MonitorType = z.enum(['PING', 'TCP', 'HTTP', 'HTTPS'], { error: 'must be one of PING, TCP, HTTP, HTTPS' });

const Seconds = z
  .int({ error: 'must be an integer number of seconds' })
  .min(1, { error: 'must be between 1 and 86400' })
  .max(86400, { error: 'must be between 1 and 86400' });

export const HttpMethod = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE'], {
  error: 'must be one of GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH, TRACE',
});

/**
 * A path and query of RFC 3986 characters only: nothing that could split a
 * HAProxy config line. Of RFC 3986's sub-delims, "'" (HAProxy starts a quoted
 * word: an unmatched one makes `haproxy -c` fail) and "$" (HAProxy expands
 * environment variables even in unquoted words, leaking the agent's
 * environment into the check request) are excluded; send them %-encoded.
 */
export const UrlPath = z
  .string()
  .max(1024, { error: 'must be at most 1024 characters' })
  .regex(/^\/[A-Za-z0-9\-._~!&()*+,;=:@%/?]*$/, {
    error: 'must start with "/" and contain only URL characters (no spaces, quotes, "$", "#", "\\" or control characters; %-encode them)',
  });

const CODE = '[1-5][0-9][0-9]';
const CODES_ERROR = 'must be a status code 100-599, a range "200-204" or a list "200,202"';

/** "200", "200-204" or "200,202": expanded to a regex for `http-check expect rstatus`. */
export const ExpectedCodes = refineRule(
  z
    .string()
    .max(255, { error: 'must be at most 255 characters' })
    .regex(new RegExp(`^${CODE}(?:-${CODE})?(?:,${CODE}(?:-${CODE})?)*$`), { error: CODES_ERROR }),
  // JSON Schema cannot compare the two ends of a range: a rule (422), not a pattern.
  (s) => s.split(',').every((part) => {
    const [lo, hi] = part.split('-').map(Number) as [number, number | undefined];
    return hi === undefined || lo <= hi;
  }),
  'a range must go from low to high, e.g. "200-204"',
);

export function expandExpectedCodes(codes: string): number[] {
  const out = new Set<number>();
  for (const part of codes.split(',')) {
    const [lo, hi] = part.split('-').map(Number) as [number, number | undefined];
    for (let c = lo; c <= (hi ?? lo); c++) out.add(c);
  }
  return [...out].sort((a, b) => a - b);
}

export const HTTP_DEFAULTS = { http_method: 'GET', url_path: '/', expected_codes: '200' } as const;

export const healthMonitorAttrs = {
  id: idAttr,
  type: required(MonitorType, 'PING, TCP (connect), HTTP or HTTPS (real TLS, certificate not verified).', {
    forceNew: true,
  }),
  delay: required(Seconds, 'Seconds between checks.'),
  timeout: required(Seconds, 'Seconds to wait for a check reply; at most delay.'),
  max_retries: required(
    z
      .int({ error: 'must be an integer' })
      .min(1, { error: 'must be between 1 and 10' })
      .max(10, { error: 'must be between 1 and 10' }),
    'Consecutive failures (and successes) before a member changes state, 1-10.',
  ),
  http_method: optional(HttpMethod, 'HTTP method of HTTP/HTTPS checks (default GET).'),
  url_path: optional(UrlPath, 'Path requested by HTTP/HTTPS checks (default "/").'),
  expected_codes: optional(ExpectedCodes, 'Status codes that pass: "200", "200-204" or "200,202" (default "200").'),
  admin_state_up: optional(AdminStateUp, 'When false the monitor is not used.', { default: true }),
  pool_ids: computed(z.array(Id), 'Pools this monitor is associated with.'),
  ...statusAttrs,
  ...bookkeepingAttrs,
};

interface MonitorRuleInput {
  type?: string;
  delay?: number;
  timeout?: number;
  http_method?: string | null;
  url_path?: string | null;
  expected_codes?: string | null;
}

export const healthMonitorRules: Rule<MonitorRuleInput> = (m) => {
  const issues: RuleIssue[] = [];
  if (m.delay !== undefined && m.timeout !== undefined && m.timeout > m.delay) {
    issues.push({ path: ['timeout'], message: `must be at most delay (${m.delay})` });
  }
  if (m.type === 'TCP' || m.type === 'PING') {
    for (const k of ['http_method', 'url_path', 'expected_codes'] as const) {
      if (m[k] !== undefined && m[k] !== null) {
        issues.push({ path: [k], message: `is only valid for HTTP and HTTPS monitors, not ${m.type}` });
      }
    }
  }
  return issues;
};
