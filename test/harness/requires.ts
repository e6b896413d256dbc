/**
 * Gate a test file on tool groups of scripts/deps/catalogue.ts: a missing tool
 * skips the file's tests (saying which group and how to get it), never fails them.
 *
 *   import anyTest from 'ava';
 *   const test = requires(anyTest, 'netns', 'ovs', 'haproxy');
 */
import type { TestFn } from 'ava';
import { missingReason } from '../../scripts/deps/locate.js';

/** The reasons the groups cannot be used here (empty: all present). */
export function missing(...groups: string[]): string[] {
  return groups.map((g) => missingReason(g)).filter((r): r is string => r !== undefined);
}

export function requires<T>(test: TestFn<T>, ...groups: string[]): TestFn<T> {
  const reasons = missing(...groups);
  if (!reasons.length) return test;
  // One line per file, so the skip is named once with its reason.
  process.stderr.write(`skipped (${reasons.join('; ')})\n`);
  return test.skip as unknown as TestFn<T>;
}
