/**
 * Moving between agents. In cluster mode every agent serves the whole API, so
 * a request that gets no answer from one agent (connection refused, reset,
 * timed out) or a 503 (an agent that lost etcd answers writes with 503) is
 * sent to the next one. The request is sent unchanged — same Idempotency-Key,
 * same If-Match — so a repeat of a write that did land is a replay or a 412,
 * never a second object or a lost update.
 */
import { HTTPError, RequestError } from 'got';

/** Errors that mean "this agent did not answer": try another one. */
const NO_ANSWER = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EPIPE']);

/** Statuses worth another agent (or another round): unavailable, bad gateway, gateway timeout. */
const RETRY_STATUS = new Set([502, 503, 504]);

export function movesOn(err: unknown): boolean {
  if (err instanceof HTTPError) return RETRY_STATUS.has(err.response.statusCode);
  if (err instanceof RequestError) return err.name === 'TimeoutError' || NO_ANSWER.has(err.code);
  return false;
}

/** Pause before round `n` (1-based) over all endpoints: short, growing, bounded. */
export function roundDelayMs(n: number): number {
  return Math.min(2_000, 200 * 2 ** (n - 1));
}

/**
 * Runs `attempt` on endpoints in order, starting with `first` (the last one
 * that answered), for `rounds` rounds. Returns the result and the index of the
 * endpoint that gave it; throws the last error when none did.
 */
export async function withFailover<T>(
  count: number,
  first: number,
  rounds: number,
  attempt: (index: number) => Promise<T>,
): Promise<{ value: T; index: number }> {
  let last: unknown;
  for (let round = 0; round < rounds; round++) {
    if (round > 0) await new Promise((r) => setTimeout(r, roundDelayMs(round)));
    for (let k = 0; k < count; k++) {
      const index = (first + k) % count;
      try {
        return { value: await attempt(index), index };
      } catch (err) {
        if (!movesOn(err)) throw err;
        last = err;
      }
    }
  }
  throw last;
}
