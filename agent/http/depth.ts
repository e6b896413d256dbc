/**
 * Objects of the API nest three levels at most (a VIP's session_persistence,
 * a pool's list of ids). A body nested far deeper — 64 KiB of "[" is 65,536
 * levels — is refused here, iteratively, before any recursive code (hashing,
 * validation) walks it and runs out of stack.
 */
import { invalidField } from '../errors.js';

export const MAX_BODY_DEPTH = 32;

export function checkDepth(body: unknown, max = MAX_BODY_DEPTH): void {
  const stack: [unknown, number][] = [[body, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) throw invalidField([], `body is nested deeper than ${max} levels`);
    for (const x of Object.values(v as Record<string, unknown>)) stack.push([x, depth + 1]);
  }
}
