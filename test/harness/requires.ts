/**
 * Gate a test file on tool groups of scripts/deps/catalogue.ts: a missing tool
 * skips the file's tests (saying which group and how to get it), never fails them.
 *
 *   import anyTest from 'ava';
 *   const test = requires(anyTest, 'netns', 'ovs', 'haproxy');
 *
 * The returned function has the whole chain of ava's `test` (`serial`,
 * `before`, `after.always`, …), so a file and the fixtures it hands `test`
 * to need no other change: tests register as skipped, hooks do nothing.
 */
import type { TestFn } from 'ava';
import { missingReason } from '../../scripts/deps/locate.js';

/** The reasons the groups cannot be used here (empty: all present). */
export function missing(...groups: string[]): string[] {
  return groups.map((g) => missingReason(g)).filter((r): r is string => r !== undefined);
}

export function requires<T>(test: TestFn<T>, ...groups: string[]): TestFn<T> {
  return gate(test, missing(...groups));
}

/** `test` itself when nothing is missing, else a chain that skips everything, naming the reasons once. */
export function gate<T>(test: TestFn<T>, reasons: readonly string[]): TestFn<T> {
  if (!reasons.length) return test;
  // One line per file, so the skip is named once with its reason.
  process.stderr.write(`skipped — ${reasons.join(' · ')}\n`);
  return skippingChain(test);
}

type Fn = (...args: unknown[]) => unknown;

function skippingChain<T>(test: TestFn<T>): TestFn<T> {
  const skip = test.skip as unknown as Fn;
  const noop = () => {};
  // Hooks of a skipped file must not run: they would start what the tests need.
  const hook = Object.assign(() => {}, { skip: noop, always: Object.assign(() => {}, { skip: noop }) });
  const chain = Object.assign((...args: unknown[]) => skip(...args), {
    before: hook,
    after: hook,
    beforeEach: hook,
    afterEach: hook,
    todo: test.todo,
    meta: test.meta,
    macro: test.macro,
  });
  // test.serial.skip(...), test.failing(...), test.only(...) all register a skipped test.
  for (const k of ['serial', 'only', 'failing', 'skip']) (chain as unknown as Record<string, unknown>)[k] = chain;
  return chain as unknown as TestFn<T>;
}
