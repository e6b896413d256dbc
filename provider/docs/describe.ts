/**
 * The facts a documentation page states about one attribute, read from the
 * provider's schema (itself derived from schema/) and, for the limits the
 * zod schemas carry (enums, ranges, lengths), from their JSON Schema.
 */
import type { Attribute } from '../framework/index.js';
import { requiresReplace } from '../framework/index.js';
import type { JsonSchema } from '../framework/index.js';
import { type CtyType, typeToJSON } from '../protocol/cty/types.js';

const REPLACES = requiresReplace().description;

/** `String`, `Number`, `Set of String`, `List of Object` — the Registry's wording. */
export function typeLabel(t: CtyType): string {
  return label(typeToJSON(t));
}

function label(j: unknown): string {
  if (typeof j === 'string') return j === 'bool' ? 'Boolean' : j === 'dynamic' ? 'Dynamic' : j[0]!.toUpperCase() + j.slice(1);
  const [kind, inner] = j as [string, unknown];
  const of = kind === 'object' ? '' : ` of ${label(inner)}`;
  return `${kind[0]!.toUpperCase()}${kind.slice(1)}${of}`;
}

export function forcesReplacement(a: Attribute): boolean {
  return (a.planModifiers ?? []).some((m) => m.description === REPLACES);
}

/** An HCL literal for a default value (plain values: strings, numbers, booleans, lists of them). */
export function hclLiteral(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(hclLiteral).join(', ')}]`;
  return JSON.stringify(v);
}

/** The largest limit worth printing: beyond it a bound is an implementation limit (MAX_SAFE_INTEGER), not a rule. */
const NOTABLE = 2 ** 31;

/** Sentences about allowed values, from the attribute's JSON Schema: enum, range, length, item count. */
export function constraints(js: JsonSchema | undefined): string[] {
  if (!js) return [];
  const s = nonNull(js);
  const out: string[] = [];
  const e = s.enum as unknown[] | undefined;
  if (Array.isArray(e)) out.push(`One of ${e.map((x) => `\`${String(x)}\``).join(', ')}.`);
  const min = s.minimum as number | undefined;
  const max = s.maximum as number | undefined;
  if (min !== undefined && max !== undefined && max < NOTABLE) out.push(`Between ${min} and ${max}.`);
  else if (min !== undefined && min !== 0 && max === undefined) out.push(`At least ${min}.`);
  if (typeof s.maxLength === 'number') out.push(`At most ${s.maxLength} characters.`);
  if (typeof s.maxItems === 'number') out.push(`At most ${s.maxItems} items.`);
  const items = s.items as JsonSchema | undefined;
  if (items && Array.isArray(nonNull(items).enum)) out.push(`Items: ${constraints(items).join(' ')}`);
  return out;
}

/** The non-null branch of a nullable schema (`anyOf: [X, {type: null}]`). */
export function nonNull(js: JsonSchema): JsonSchema {
  const any = js.anyOf as JsonSchema[] | undefined;
  if (Array.isArray(any)) {
    const rest = any.filter((x) => x.type !== 'null');
    if (rest.length === 1) return rest[0]!;
  }
  return js;
}
