/**
 * Exit codes and the one line an error is shown as. A problem+json answer
 * names each invalid field and the flag that sets it, so the line says what
 * to change: `lbaas: protocol_port (--protocol-port): must be between 1 and 65535 [400 validation_failed]`.
 */
import { RequestError } from 'got';
import { ApiError } from '../client/errors.js';
import { UsageError, flagForPath } from './fields.js';

export const EXIT = {
  ok: 0,
  /** The agent refused the request (4xx/5xx problem+json). */
  refused: 1,
  /** Bad command line: unknown flag, bad value, missing argument. */
  usage: 2,
  /** No agent answered (every endpoint). */
  unreachable: 3,
  /** --wait ended with the object in ERROR or still PENDING_*. */
  notLive: 4,
} as const;

export class NotLiveError extends Error {}

export function describe(err: unknown): { line: string; code: number } {
  if (err instanceof UsageError) return { line: err.message, code: EXIT.usage };
  if (err instanceof NotLiveError) return { line: err.message, code: EXIT.notLive };
  if (err instanceof ApiError) {
    const p = err.problem;
    const fields = (p.errors ?? []).map((e) => {
      const flag = e.field && !/^[A-Z]/.test(e.field) ? ` (${flagForPath(e.field)})` : '';
      return `${e.field || '(body)'}${flag}: ${e.message}`;
    });
    const referrers = p.referrers?.length ? ' (--cascade deletes them too)' : '';
    const what = fields.length ? fields.join('; ') : `${p.detail}${referrers}`;
    return { line: `${what} [${err.status} ${p.code}]`, code: EXIT.refused };
  }
  if (err instanceof RequestError) {
    return { line: `no agent answered at ${err.options?.url?.toString().replace(/\/v1\/.*$/, '') ?? '?'}: ${err.code} ${err.message}`, code: EXIT.unreachable };
  }
  return { line: err instanceof Error ? err.message : String(err), code: EXIT.refused };
}
