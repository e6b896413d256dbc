/**
 * Output formats of every command, as `openstack` prints them: `table`
 * (default; a list is one row per object, a single object is Field/Value
 * rows), `json`, `yaml`, and `value` (bare values, space separated, for
 * scripts). `-c` picks columns.
 */
import { stringify } from 'yaml';
import { UsageError } from './fields.js';

export const FORMATS = ['table', 'json', 'yaml', 'value'] as const;
export type Format = (typeof FORMATS)[number];

export interface OutputFlags {
  format?: string;
  column?: string[];
}

type Row = Record<string, unknown>;

export function formatOf(f: OutputFlags): Format {
  const v = f.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(v)) throw new UsageError(`-f/--format: expected one of ${FORMATS.join(', ')}, got ${JSON.stringify(v)}`);
  return v as Format;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function pick(row: Row, columns: string[]): Row {
  const out: Row = {};
  for (const c of columns) out[c] = row[c];
  return out;
}

function checkColumns(rows: Row[], columns: string[]): void {
  const known = new Set(rows.flatMap((r) => Object.keys(r)));
  const bad = columns.filter((c) => rows.length && !known.has(c));
  if (bad.length) throw new UsageError(`-c/--column: no column ${bad.join(', ')} (have: ${[...known].join(', ')})`);
}

function table(header: string[], rows: string[][]): string {
  const width = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.max(...r[i]!.split('\n').map((l) => l.length)))));
  const line = `+${width.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const fmt = (r: string[]) => `| ${r.map((c, i) => c.padEnd(width[i]!)).join(' | ')} |`;
  return [line, fmt(header), line, ...rows.map(fmt), line].join('\n');
}

/** json and yaml print the data itself; undefined for the text formats. */
function structured(format: Format, shown: unknown): string | undefined {
  if (format === 'json') return JSON.stringify(shown, null, 2);
  if (format === 'yaml') return stringify(shown).trimEnd();
  return undefined;
}

/** A list of objects; `defaults` are the table columns when -c is not given. */
export function renderList(rows: Row[], f: OutputFlags, defaults: string[]): string {
  const format = formatOf(f);
  const columns = f.column?.length ? f.column : format === 'table' || format === 'value' ? defaults : undefined;
  if (columns) checkColumns(rows, columns);
  const shown = columns ? rows.map((r) => pick(r, columns)) : rows;
  const data = structured(format, shown);
  if (data !== undefined) return data;
  if (format === 'value') return shown.map((r) => Object.values(r).map(cell).join(' ')).join('\n');
  return table(columns!, shown.map((r) => columns!.map((c) => cell(r[c]))));
}

/** One object. */
export function renderOne(obj: Row, f: OutputFlags): string {
  const format = formatOf(f);
  const columns = f.column?.length ? f.column : Object.keys(obj);
  checkColumns([obj], columns);
  const shown = pick(obj, columns);
  const data = structured(format, shown);
  if (data !== undefined) return data;
  if (format === 'value') return Object.values(shown).map(cell).join('\n');
  return table(['Field', 'Value'], Object.entries(shown).map(([k, v]) => [k, cell(v)]));
}
