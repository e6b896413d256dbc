/**
 * Config validation at `terraform validate` (and before every plan) with the
 * agent's own zod schemas and cross-field rules, so whatever the agent would
 * refuse is refused here, on the attribute. Values Terraform does not know
 * yet are left out, and so is every issue about them.
 */
import { zodIssues, type ValidationIssue } from '../../../schema/resources.js';
import { formatPath, type ValidateConfigRequest, type ValidateConfigResponse } from '../../framework/index.js';
import { toJson } from '../tfschema/values.js';
import { attributePath } from './errors.js';
import type { KindContext } from './kinds.js';
import type { ProviderData } from './provider-data.js';

type Path = (string | number)[];

const startsWith = (p: Path, prefix: Path) => prefix.length <= p.length && prefix.every((s, i) => p[i] === s);

/** Issues the agent would report for this (partially known) configuration. */
export function configIssues(ctx: KindContext, config: Record<string, unknown>): ValidationIssue[] {
  const unknown: Path[] = [];
  const body: Record<string, unknown> = {};
  for (const k of ctx.writable) {
    const v = (config as Record<string, Parameters<typeof toJson>[0]>)[k];
    if (v === null || v === undefined) continue;
    const j = toJson(v, [k], unknown);
    if (j !== undefined) body[k] = j;
  }
  const issues: ValidationIssue[] = [];
  const parsed = ctx.def.create.safeParse(body);
  if (!parsed.success) issues.push(...zodIssues(parsed.error, body));
  issues.push(...ctx.def.rules(body));
  const seen = new Set<string>();
  return issues.filter((i) => {
    if (typeof i.path[0] !== 'string' || !(i.path[0] in body)) return false; // not given, or not known yet
    if (unknown.some((u) => startsWith(i.path, u) || startsWith(u, i.path))) return false;
    // One diagnostic per attribute: the first problem (an address that is not IPv4 is not also "not unicast").
    const key = JSON.stringify(i.path);
    return !seen.has(key) && seen.add(key);
  });
}

export function validateConfig(ctx: KindContext, req: ValidateConfigRequest<ProviderData>, resp: ValidateConfigResponse): void {
  for (const i of configIssues(ctx, req.config)) {
    const path = attributePath(ctx.schema, i.path, ctx.sets);
    const name = path ? formatPath(path) : i.path.join('.');
    resp.diagnostics.error(`Invalid ${name}`, `${name} ${i.message}. The lbaas-agent would refuse this ${ctx.kind}.`, path);
  }
}
