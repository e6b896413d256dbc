/**
 * The four objects, each with its derived create / update / output schemas and
 * its cross-field rules. Every consumer (agent routes, OpenAPI, Terraform,
 * Pulumi) reads from here.
 */
import { z } from 'zod';
import { type Attrs, createShape, defaultsOf, forceNewKeys, outputShape, updateShape } from './attr.js';
import { HTTP_DEFAULTS, healthMonitorAttrs, healthMonitorRules } from './health-monitor.js';
import { memberAttrs, memberRules } from './member.js';
import { poolAttrs, poolRules } from './pool.js';
import { isRuleIssue } from './published.js';
import type { Rule } from './rules.js';
import { vipAttrs, vipRules } from './vip.js';

export type Kind = 'pool' | 'member' | 'vip' | 'health_monitor';
export const KINDS: readonly Kind[] = ['pool', 'member', 'vip', 'health_monitor'];

export interface ResourceDef<A extends Attrs = Attrs> {
  kind: Kind;
  /** URL collection under /v1. */
  collection: string;
  /** Title used in docs, OpenAPI and generated types. */
  title: string;
  /** One sentence on what the object is, for the Terraform schema and its docs. */
  summary?: string;
  attrs: A;
  rules: Rule<Record<string, unknown>>;
  create: z.ZodObject;
  update: z.ZodObject;
  output: z.ZodObject;
  /** Defaults that depend on other fields (HTTP monitor fields). */
  contextualDefaults?: (obj: Record<string, unknown>) => Record<string, unknown>;
}

function define<A extends Attrs>(
  kind: Kind,
  collection: string,
  title: string,
  attrs: A,
  rules: Rule<never>,
  contextualDefaults?: ResourceDef['contextualDefaults'],
): ResourceDef<A> {
  return {
    kind,
    collection,
    title,
    attrs,
    rules: rules as Rule<Record<string, unknown>>,
    create: z.strictObject(createShape(attrs)),
    update: z.strictObject(updateShape(attrs)),
    output: z.object(outputShape(attrs)),
    ...(contextualDefaults ? { contextualDefaults } : {}),
  };
}

export const RESOURCES = {
  pool: { ...define('pool', 'pools', 'Pool', poolAttrs, poolRules), summary: 'A pool: the members one HAProxy backend balances across, with its protocol, balancing method, network and health monitors.' },
  member: { ...define('member', 'members', 'Member', memberAttrs, memberRules), summary: 'A member of a pool: one backend address and port with its weight (0 drains it).' },
  vip: { ...define('vip', 'vips', 'Vip', vipAttrs, vipRules), summary: 'A VIP: the address and port clients connect to, in front of one pool, with persistence and a connection limit.' },
  health_monitor: {
    ...define('health_monitor', 'health_monitors', 'HealthMonitor', healthMonitorAttrs, healthMonitorRules, (m) => (m.type === 'HTTP' || m.type === 'HTTPS' ? { ...HTTP_DEFAULTS } : {})),
    summary: 'A health monitor (PING, TCP, HTTP or HTTPS check); attach it to pools with health_monitor_ids. Several on one pool must all pass.',
  },
} satisfies Record<Kind, ResourceDef>;

type Writable<A extends Attrs> = {
  [K in keyof A as A[K]['mode'] extends 'computed' ? never : K]: z.output<A[K]['schema']>;
};
type Full<A extends Attrs> = {
  [K in keyof A]: A[K]['mode'] extends 'optional' ? z.output<A[K]['schema']> | null : z.output<A[K]['schema']>;
};

export type PoolSpec = Writable<typeof poolAttrs>;
export type MemberSpec = Writable<typeof memberAttrs>;
export type VipSpec = Writable<typeof vipAttrs>;
export type HealthMonitorSpec = Writable<typeof healthMonitorAttrs>;
export type Pool = Full<typeof poolAttrs>;
export type Member = Full<typeof memberAttrs>;
export type Vip = Full<typeof vipAttrs>;
export type HealthMonitor = Full<typeof healthMonitorAttrs>;
export type SpecOf<K extends Kind> = {
  pool: PoolSpec;
  member: MemberSpec;
  vip: VipSpec;
  health_monitor: HealthMonitorSpec;
}[K];
export type ObjectOf<K extends Kind> = { pool: Pool; member: Member; vip: Vip; health_monitor: HealthMonitor }[K];

export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  /** A rule the document states only in words (422); otherwise the document itself refuses the value (400). */
  rule?: boolean;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** Whether `input` has nothing at `path` (zod does not report the input of an issue by default). */
function missingAt(input: unknown, path: (string | number)[]): boolean {
  let cur: unknown = input;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur === undefined;
}

/**
 * zod issues → flat list; unrecognized keys get one issue each, at the key; a
 * field that is absent from `input` is "required" (a present one of the wrong
 * type or value keeps zod's message).
 */
export function zodIssues(err: z.ZodError, input?: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const i of err.issues) {
    const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out.push({ path: [...path, k], message: 'unknown field' });
    } else if ((i.code === 'invalid_type' || i.code === 'invalid_value') && missingAt(input, path)) {
      out.push({ path, message: 'is required' });
    } else {
      out.push({ path, message: i.message, ...(isRuleIssue(i) ? { rule: true } : {}) });
    }
  }
  return out;
}

/** Apply static and contextual defaults to a spec (fields not given only). */
export function withDefaults(def: ResourceDef, spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...defaultsOf(def.attrs), ...spec };
  if (def.contextualDefaults) {
    for (const [k, v] of Object.entries(def.contextualDefaults(out))) if (out[k] === undefined) out[k] = v;
  }
  for (const k of Object.keys(def.attrs)) if (out[k] === undefined && def.attrs[k]!.mode !== 'computed') out[k] = null;
  return out;
}

function rulesOf(def: ResourceDef, obj: Record<string, unknown>): ValidationIssue[] {
  // Rules see null as "not given".
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== null) clean[k] = v;
  return def.rules(clean).map((i) => ({ ...i, rule: true }));
}

/** Validate a create body: shape, then cross-field rules. Returns the spec with defaults applied. */
export function validateCreate(def: ResourceDef, body: unknown): Validated<Record<string, unknown>> {
  const r = def.create.safeParse(body);
  if (!r.success) return { ok: false, issues: zodIssues(r.error, body) };
  const issues = rulesOf(def, r.data);
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: withDefaults(def, r.data) };
}

/**
 * Validate a PUT body against the stored spec. Force-new fields are accepted
 * only when unchanged; otherwise the message names them.
 */
export function validateUpdate(
  def: ResourceDef,
  stored: Record<string, unknown>,
  body: unknown,
): Validated<Record<string, unknown>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, issues: [{ path: [], message: 'body must be a JSON object' }] };
  }
  const patch: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  const issues: ValidationIssue[] = [];
  for (const k of forceNewKeys(def.attrs)) {
    if (!(k in patch)) continue;
    if (JSON.stringify(patch[k]) !== JSON.stringify(stored[k])) {
      issues.push({ path: [k], message: `cannot be changed in place; create a new ${def.kind} instead` });
    }
    delete patch[k];
  }
  for (const [k, a] of Object.entries(def.attrs)) {
    if (a.mode === 'computed' && k in patch) {
      issues.push({ path: [k], message: 'is computed by the agent and cannot be set' });
      delete patch[k];
    }
  }
  const r = def.update.safeParse(patch);
  if (!r.success) issues.push(...zodIssues(r.error, patch));
  if (issues.length || !r.success) return { ok: false, issues };
  // undefined = not given; null (session_persistence) clears the field.
  const given: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.data)) if (v !== undefined) given[k] = v;
  const specKeys = Object.keys(def.attrs).filter((k) => def.attrs[k]!.mode !== 'computed');
  const base: Record<string, unknown> = {};
  for (const k of specKeys) if (stored[k] !== null && stored[k] !== undefined) base[k] = stored[k];
  const merged = withDefaults(def, { ...base, ...given });
  const ruleIssues = rulesOf(def, merged);
  if (ruleIssues.length) return { ok: false, issues: ruleIssues };
  return { ok: true, value: merged };
}
