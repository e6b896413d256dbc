/** Helpers shared by the schema unit tests (not a test file itself). */
import type { ExecutionContext } from 'ava';
import type { Validated } from './resources.js';

export function pathOf(path: (string | number)[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

/** The result is a failure and one of its issues is at `field`; returns that issue's message. */
export function failsAt(t: ExecutionContext, r: Validated<unknown>, field: string): string | undefined {
  if (r.ok) {
    t.fail(`expected an issue at ${field}, but it validated: ${JSON.stringify(r.value)}`);
    return undefined;
  }
  const hit = r.issues.find((i) => pathOf(i.path) === field);
  t.truthy(hit, `expected an issue at ${field}, got ${JSON.stringify(r.issues)}`);
  return hit?.message;
}

export function passes<T>(t: ExecutionContext, r: Validated<T>): T | undefined {
  if (!r.ok) {
    t.fail(`expected success, got ${JSON.stringify(r.issues)}`);
    return undefined;
  }
  t.pass();
  return r.value;
}
