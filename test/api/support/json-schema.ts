/**
 * A small JSON Schema (2020-12) checker for the keywords the agent's OpenAPI
 * document uses — enough to hold live answers against the published schemas
 * without a validator dependency. Returns the paths that fail.
 */
type Schema = Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(want: string, got: string): boolean {
  return want === got || (want === 'number' && got === 'integer');
}

export function check(schema: Schema, v: unknown, at = '$', root: Schema = schema): string[] {
  if (typeof schema.$ref === 'string') {
    const target = (schema.$ref as string).replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Schema)?.[k], root);
    if (!target) return [`${at}: unresolved $ref ${schema.$ref as string}`];
    return check(target as Schema, v, at, root);
  }
  const errs: string[] = [];
  if (Array.isArray(schema.anyOf)) {
    if (!(schema.anyOf as Schema[]).some((s) => check(s, v, at, root).length === 0)) errs.push(`${at}: matches no anyOf branch`);
  }
  const t = typeOf(v);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((w) => typeMatches(w, t))) return [...errs, `${at}: ${t} is not ${types.join('|')}`];
  }
  if ('const' in schema && v !== schema.const) errs.push(`${at}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(v)) errs.push(`${at}: ${JSON.stringify(v)} not in enum`);
  if (typeof v === 'string') {
    if (typeof schema.minLength === 'number' && v.length < schema.minLength) errs.push(`${at}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && v.length > schema.maxLength) errs.push(`${at}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) errs.push(`${at}: does not match ${schema.pattern}`);
  }
  if (typeof v === 'number') {
    if (typeof schema.minimum === 'number' && v < schema.minimum) errs.push(`${at}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && v > schema.maximum) errs.push(`${at}: above ${schema.maximum}`);
  }
  if (t === 'array' && schema.items) (v as unknown[]).forEach((x, i) => errs.push(...check(schema.items as Schema, x, `${at}[${i}]`, root)));
  if (t === 'object') {
    const o = v as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const r of (schema.required ?? []) as string[]) if (!(r in o)) errs.push(`${at}.${r}: required`);
    for (const [k, x] of Object.entries(o)) {
      if (props[k]) errs.push(...check(props[k], x, `${at}.${k}`, root));
      else if (schema.additionalProperties === false) errs.push(`${at}.${k}: not allowed`);
    }
  }
  return errs;
}
