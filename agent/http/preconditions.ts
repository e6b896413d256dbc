/** Request headers and parameters that steer a write: If-Match, wait (their syntax is checked against schema/params.ts). */
import { MAX_WAIT_S } from '../../schema/params.js';
import { invalidField } from '../errors.js';

export { MAX_WAIT_S };

/** `If-Match: "3"` / `W/"3"` / `*` → expected revision (undefined = no precondition). */
export function parseIfMatch(h: string | undefined): number | undefined {
  const m = /[0-9]+/.exec(h ?? '');
  return m ? Number(m[0]) : undefined;
}

/** `?wait=<s>` (already a number) or `Prefer: wait=<s>` → milliseconds (0 = answer when durable). */
export function parseWait(wait: number | undefined, prefer: string | undefined): number {
  if (wait !== undefined) return wait * 1000;
  // A preference the agent cannot read is ignored (RFC 7240); one it can read must be in range.
  const m = /(?:^|[,;\s])wait=(\d+(?:\.\d+)?)/.exec(prefer ?? '');
  if (!m) return 0;
  const s = Number(m[1]);
  if (s > MAX_WAIT_S) throw invalidField(['header', 'Prefer'], `wait must be a number of seconds between 0 and ${MAX_WAIT_S}`);
  return s * 1000;
}

export function etag(revision: number): string {
  return `"${revision}"`;
}
