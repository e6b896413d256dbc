/**
 * Refinements and the OpenAPI document. zod turns types, ranges, patterns and
 * enums into JSON Schema by itself, but a `.refine()` is a function it cannot
 * publish. Every refinement here is therefore one of two kinds, declared where
 * the rule is written:
 *
 * - published: the check comes with the JSON Schema keywords that say the same
 *   thing (`not: {const: 0}`, a `pattern`, an `enum` of the agent's networks),
 *   so the document refuses what the agent refuses (a violation answers 400);
 * - a rule: JSON Schema cannot say it (a range "204-200"); its violation
 *   answers 422 `rule_violated`, like the cross-field and cross-object rules.
 *
 * `unpublishedRefinements` lets a test prove that no third kind exists.
 */
import { z } from 'zod';

/** What the document generator knows about this agent (the set of networks is config). */
export interface DocContext {
  networks: readonly string[];
}

type Fragment = Record<string, unknown> | ((c: DocContext) => Record<string, unknown>);

interface Check {
  _zod: { def: { check: string } };
}

/** Keyed by the check object: zod clones schemas on `.describe()`/`.optional()` but shares their checks. */
const fragments = new WeakMap<object, Fragment>();
const rules = new WeakSet<object>();

function checksOf(s: z.ZodType): Check[] {
  return ((s as unknown as { _zod: { def: { checks?: Check[] } } })._zod.def.checks ?? []) as Check[];
}

function lastCheck(s: z.ZodType): Check {
  const c = checksOf(s).at(-1);
  if (!c) throw new TypeError('published() needs a schema with a check (regex, min, refine…)');
  return c;
}

/** Attach the JSON Schema keywords stating the schema's last check to the OpenAPI document. */
export function published<T extends z.ZodType>(s: T, fragment: Fragment): T {
  fragments.set(lastCheck(s), fragment);
  return s;
}

/** A refinement together with the JSON Schema keywords that publish it. */
export function refinePublished<T extends z.ZodType>(s: T, check: (v: z.output<T>) => boolean, error: string, fragment: Fragment): T {
  return published(s.refine(check, { error }) as T, fragment);
}

/** A refinement JSON Schema cannot state: its violation is a rule violation (422), not a schema violation. */
export function refineRule<T extends z.ZodType>(s: T, check: (v: z.output<T>) => boolean, error: string): T {
  const r = s.refine(check, { error, params: { rule: true } }) as T;
  rules.add(lastCheck(r));
  return r;
}

/** Whether a zod issue comes from a rule refinement (see refineRule). */
export function isRuleIssue(issue: { code: string; params?: unknown }): boolean {
  return issue.code === 'custom' && (issue.params as { rule?: unknown } | undefined)?.rule === true;
}

/** `override` for z.toJSONSchema: adds each published check's keywords to its node. */
export function publishOverride(c: DocContext): (ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }) => void {
  return (ctx) => {
    for (const check of checksOf(ctx.zodSchema as unknown as z.ZodType)) {
      const f = fragments.get(check);
      if (f) Object.assign(ctx.jsonSchema, typeof f === 'function' ? f(c) : f);
    }
  };
}

/** Refinements of `s` (at any depth) that are neither published nor rules: each is a promise the document does not make. */
export function unpublishedRefinements(s: z.ZodType): string[] {
  const out: string[] = [];
  z.toJSONSchema(s, {
    unrepresentable: 'any',
    io: 'input',
    override: (ctx) => {
      for (const check of checksOf(ctx.zodSchema as unknown as z.ZodType)) {
        if (check._zod.def.check === 'custom' && !fragments.has(check) && !rules.has(check)) {
          out.push(JSON.stringify(ctx.jsonSchema).slice(0, 120));
        }
      }
    },
  });
  return out;
}
