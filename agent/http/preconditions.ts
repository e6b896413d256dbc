/** Request headers and parameters that steer a write: If-Match, Idempotency-Key, wait. */
import { MAX_WAIT_S } from '../../schema/limits.js';
import { invalidField } from '../errors.js';

/** `If-Match: "3"` / `W/"3"` / `*` → expected revision (undefined = no precondition). */
export function parseIfMatch(h: string | undefined): number | undefined {
  if (h === undefined || h.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(h);
  // A malformed header is the client's mistake (400), not a lost race (412).
  if (!m) throw invalidField(['If-Match'], `must be an ETag such as "3" or *, got ${JSON.stringify(h)}`);
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
  // Plain decimal seconds only: Number() would read "", " ", "0x10" and "1e2" as numbers.
  const s = /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(s) || s < 0 || s > MAX_WAIT_S) throw invalidField(['wait'], `must be a number of seconds between 0 and ${MAX_WAIT_S}`);
  return s * 1000;
}

/** `?cascade=`: true/1 or false/0, anything else is refused rather than read as false. */
export function parseCascade(query: unknown): boolean {
  if (query === undefined) return false;
  if (query === 'true' || query === '1') return true;
  if (query === 'false' || query === '0') return false;
  throw invalidField(['cascade'], `must be true or false, got ${JSON.stringify(query)}`);
}

/** Refuse query parameters a route does not know (a typo such as `?wiat=` must not be ignored silently). */
export function checkQuery(query: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(query)) if (!allowed.includes(k)) throw invalidField([k], `unknown query parameter (this route takes: ${allowed.join(', ') || 'none'})`);
}

export function etag(revision: number): string {
  return `"${revision}"`;
}
