/**
 * Decoding of `ovs-vsctl --format=json` table output (RFC 7047 notation):
 * atoms are JSON scalars, ["uuid", u], ["set", [...]], ["map", [[k, v], ...]].
 * A set with one element is written as the bare element, so an optional
 * column (e.g. Port.tag) is either a number or ["set", []].
 */
import { OvsError } from './errors.js';

export type OvsValue = string | number | boolean | OvsValue[] | { [key: string]: OvsValue };

export function decodeValue(v: unknown): OvsValue {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string') {
    const [tag, body] = v as [string, unknown];
    if (tag === 'uuid' || tag === 'named-uuid') return String(body);
    if (tag === 'set' && Array.isArray(body)) return body.map(decodeValue);
    if (tag === 'map' && Array.isArray(body)) {
      const out: Record<string, OvsValue> = {};
      for (const pair of body) {
        if (!Array.isArray(pair) || pair.length !== 2) throw new OvsError('OVS_BAD_OUTPUT', `bad map entry ${JSON.stringify(pair)}`);
        out[String(decodeValue(pair[0]))] = decodeValue(pair[1]);
      }
      return out;
    }
  }
  throw new OvsError('OVS_BAD_OUTPUT', `unexpected OVSDB value ${JSON.stringify(v)}`);
}

/** Parse one `--format=json` table (as printed by `find`/`list`) into rows keyed by column. */
export function parseTable(stdout: string): Record<string, OvsValue>[] {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch (cause) {
    throw new OvsError('OVS_BAD_OUTPUT', `ovs-vsctl printed no JSON table: ${stdout.slice(0, 200)}`, { cause });
  }
  const { headings, data } = (doc ?? {}) as { headings?: unknown; data?: unknown };
  if (!Array.isArray(headings) || !Array.isArray(data)) {
    throw new OvsError('OVS_BAD_OUTPUT', `ovs-vsctl JSON lacks headings/data: ${stdout.slice(0, 200)}`);
  }
  return data.map((row) => {
    if (!Array.isArray(row)) throw new OvsError('OVS_BAD_OUTPUT', `bad row ${JSON.stringify(row)}`);
    const out: Record<string, OvsValue> = {};
    headings.forEach((h, i) => {
      out[String(h)] = decodeValue(row[i]);
    });
    return out;
  });
}

/** A string column; an empty optional column (empty set) reads as undefined. */
export function str(v: OvsValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.length === 1) return str(v[0]);
  return undefined;
}

/** An integer column; an empty optional column reads as undefined. */
export function int(v: OvsValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 1) return int(v[0]);
  return undefined;
}

/** A string→string map column (external_ids, other_config, options). */
export function strMap(v: OvsValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, val] of Object.entries(v)) out[k] = str(val) ?? '';
  }
  return out;
}
