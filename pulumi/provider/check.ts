/**
 * check: validate the new inputs with the shared schema (the agent's own
 * create validation) before anything is planned, and return them with the
 * defaults applied. One failure per property; values still unknown during a
 * preview are left to the next check.
 */
import type { dynamic } from '@pulumi/pulumi';
import { RESOURCES, validateCreate, withDefaults, type Kind } from '../../schema/resources.js';
import { givenSettings, settingsIssues, specOf } from './settings.js';
import { containsUnknown, propertyPath } from './values.js';

export async function check(kind: Kind, _olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
  const def = RESOURCES[kind];
  const spec = specOf(news);
  const unknown = Object.keys(spec).filter((k) => containsUnknown(spec[k]));
  const known: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) if (!unknown.includes(k)) known[k] = v;

  const reasons = new Map<string, string[]>();
  const add = (property: string, reason: string) => reasons.set(property, [...(reasons.get(property) ?? []), reason]);
  for (const i of settingsIssues(news)) add(i.property, i.reason);

  let inputs: Record<string, unknown>;
  const r = validateCreate(def, known);
  if (r.ok) {
    inputs = r.value;
  } else {
    // An unknown value is absent from `known`: its "is required" is not a failure.
    for (const i of r.issues) if (!unknown.includes(String(i.path[0]))) add(propertyPath(i.path), i.message);
    inputs = withDefaults(def, known);
  }
  for (const k of unknown) inputs[k] = spec[k];

  const failures: dynamic.CheckFailure[] = [...reasons].map(([property, rs]) => ({ property, reason: rs.join('; ') }));
  return { inputs: { ...inputs, ...givenSettings(news) }, failures };
}
