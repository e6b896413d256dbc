/**
 * Command-line options derived from schema/: one `--kebab-name` per writable
 * field (create) or updatable field (set), its value parsed by the field's
 * JSON type. Validation stays the agent's (a 400 names the field); here a
 * value is only turned into the type the field has.
 */
import { z } from 'zod';
import { type Attr, type Attrs, updatableKeys, writableKeys } from '../schema/attr.js';
import type { ResourceDef } from '../schema/resources.js';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

export interface FieldOption {
  /** Schema name: `protocol_port`. */
  field: string;
  /** `--protocol-port`. */
  flag: string;
  /** commander's attribute name for it: `protocolPort`. */
  key: string;
  type: FieldType;
  nullable: boolean;
  required: boolean;
  description: string;
  /** Allowed values, when the field is an enum. */
  choices?: string[];
}

export const flagOf = (field: string): string => `--${field.replace(/_/g, '-')}`;
const keyOf = (field: string): string => field.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
}

function typeOf(a: Attr): { type: FieldType; nullable: boolean; choices?: string[] } {
  const js = z.toJSONSchema(a.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const alts = js.anyOf ?? [js];
  const nullable = alts.some((s) => s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')));
  const main = alts.find((s) => s.type !== 'null') ?? {};
  const t = (Array.isArray(main.type) ? main.type.find((x) => x !== 'null') : main.type) ?? 'string';
  const choices = main.enum?.every((v) => typeof v === 'string') ? (main.enum as string[]) : undefined;
  return { type: t as FieldType, nullable, ...(choices ? { choices } : {}) };
}

/** Options of `create` (every writable field) or `set` (the updatable ones). */
export function fieldOptions(def: ResourceDef, op: 'create' | 'set'): FieldOption[] {
  const attrs: Attrs = def.attrs;
  const keys = op === 'create' ? writableKeys(attrs) : updatableKeys(attrs);
  return keys.map((field) => {
    const a = attrs[field]!;
    return {
      field,
      flag: flagOf(field),
      key: keyOf(field),
      ...typeOf(a),
      required: op === 'create' && a.mode === 'required',
      description: a.description,
    };
  });
}

export class UsageError extends Error {}

const TRUE = new Set(['true', 'yes', '1', 'on']);
const FALSE = new Set(['false', 'no', '0', 'off']);

/** `type=APP_COOKIE,cookie_name=s` or JSON → object; values stay strings (the agent checks them). */
function parseObject(flag: string, text: string): Record<string, unknown> {
  if (text.trim().startsWith('{')) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw new UsageError(`${flag}: not valid JSON: ${(e as Error).message}`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag}: expected key=value[,key=value] or JSON, got ${JSON.stringify(text)}`);
    out[part.slice(0, eq).trim().replace(/-/g, '_')] = part.slice(eq + 1).trim();
  }
  return out;
}

/** A flag's text as the field's value. */
export function parseValue(o: FieldOption, text: string): unknown {
  if (o.nullable && (text === 'none' || text === 'null')) return null;
  switch (o.type) {
    case 'integer':
    case 'number': {
      const n = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : NaN;
      if (!Number.isFinite(n) || (o.type === 'integer' && !Number.isInteger(n))) {
        throw new UsageError(`${o.flag}: expected ${o.type === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(text)}`);
      }
      return n;
    }
    case 'boolean': {
      const l = text.toLowerCase();
      if (TRUE.has(l)) return true;
      if (FALSE.has(l)) return false;
      throw new UsageError(`${o.flag}: expected true or false, got ${JSON.stringify(text)}`);
    }
    case 'array':
      return text === '' ? [] : text.split(',').map((s) => s.trim());
    case 'object':
      return parseObject(o.flag, text);
    default:
      return text;
  }
}

/** The request body from the parsed options (only the flags given). */
export function bodyFrom(options: FieldOption[], given: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const o of options) {
    const v = given[o.key];
    if (v === undefined) continue;
    body[o.field] = typeof v === 'boolean' ? v : parseValue(o, String(v));
  }
  return body;
}

/** The flag that sets a schema field path (`session_persistence.cookie_name` → `--session-persistence`). */
export function flagForPath(field: string): string {
  return flagOf(field.split(/[.[]/)[0]!);
}
