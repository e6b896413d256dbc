/** Request headers and parameters that steer a write: If-Match, Idempotency-Key, wait. */
import { AgentError, invalidField } from '../errors.js';

/** Longest `?wait=`: beyond this a client should poll. */
export const MAX_WAIT_S = 300;

/** `If-Match: "3"` / `W/"3"` / `*` → expected revision (undefined = no precondition). */
export function parseIfMatch(h: string | undefined): number | undefined {
  if (h === undefined || h.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(h);
  if (!m) throw new AgentError('precondition_failed', `If-Match must be an ETag such as "3", got ${JSON.stringify(h)}`);
  return Number(m[1]);
}

export function parseIdempotencyKey(h: string | undefined): string | undefined {
  if (h === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(h)) throw invalidField(['Idempotency-Key'], 'must be 1-255 visible ASCII characters');
  return h;
}

/** `?wait=<s>` or `Prefer: wait=<s>` → milliseconds (0 = answer when durable). */
export function parseWait(query: unknown, prefer: string | undefined): number {
  let raw: string | undefined;
  if (query !== undefined) raw = String(query);
  else {
    const m = /(?:^|[,;\s])wait=(\d+(?:\.\d+)?)/.exec(prefer ?? '');
    raw = m?.[1];
  }
  if (raw === undefined) return 0;
  const s = Number(raw);
  if (!Number.isFinite(s) || s < 0 || s > MAX_WAIT_S) throw invalidField(['wait'], `must be a number of seconds between 0 and ${MAX_WAIT_S}`);
  return s * 1000;
}

export function etag(revision: number): string {
  return `"${revision}"`;
}
