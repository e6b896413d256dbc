/**
 * Results of a benchmark: printed as a table (each figure beside its goal)
 * and written as JSON to bench/results/<name>.json. Benchmarks measure; they
 * do not pass or fail. "met" only says whether a figure is inside its goal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine, type Machine } from './support/machine.js';

/** Repository root's bench/results (this file runs from dist/bench/). */
export const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));

export interface Row {
  metric: string;
  value: string;
  /** The goal from issue 2, in words ("0", "p99 < 50 ms"); absent for context figures. */
  goal?: string;
  /** Whether the value is inside the goal; absent when there is no goal or nothing was measured. */
  met?: boolean;
}

export interface Section {
  title: string;
  rows: Row[];
  /** Short remarks printed under the table (how to read it, what was noticed). */
  notes?: string[];
}

export interface BenchReport {
  name: string;
  startedAt: string;
  durationS: number;
  /** What it ran on (bench/support/machine.ts): printed under the heading, kept in the JSON. */
  machine: Machine;
  /** Settings of the run (sizes, seeds, tool versions beyond the machine's). */
  environment: Record<string, string | number>;
  sections: Section[];
  /** Raw figures behind the table, for the JSON file. */
  data: unknown;
}

function pad(s: string, n: number): string {
  return s + ' '.repeat(Math.max(0, n - s.length));
}

export function formatSection(s: Section): string {
  const head = ['metric', 'value', 'goal', 'met'];
  const rows = s.rows.map((r) => [r.metric, r.value, r.goal ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i]!)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  const out = [`### ${s.title}`, '', line(head), rule, ...rows.map(line)];
  if (s.notes?.length) out.push('', ...s.notes.map((n) => `- ${n}`));
  return out.join('\n');
}

export function formatReport(r: BenchReport): string {
  return [`## ${r.name} (${r.durationS} s)`, '', `machine: ${machineLine(r.machine)}`, '', ...r.sections.map((s) => `${formatSection(s)}\n`)].join('\n');
}

/** Writes bench/results/<name>.json; returns its path. */
export function writeReport(r: BenchReport): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${r.name}.json`);
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}

/** "12.3 / 45.6 ms (n=100)" — or "n/a" when nothing was measured. */
export function p50p99(s: { n: number; p50: number; p99: number } | null, unit = 'ms'): string {
  return s ? `${s.p50} / ${s.p99} ${unit} (n=${s.n})` : 'n/a';
}
