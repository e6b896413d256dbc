/**
 * Parsing what HAProxy reports: `show stat` CSV and `show servers state`, and
 * mapping server status to the Octavia vocabulary.
 */
import type { OperatingStatus } from '../../schema/common.js';

export interface StatRow {
  pxname: string;
  svname: string;
  /** 0 frontend, 1 backend, 2 server */
  type: number;
  status: string;
  weight: number;
  scur: number;
  smax: number;
  stot: number;
  bin: number;
  bout: number;
  econ: number;
  eresp: number;
  chkfail: number;
  check_status: string;
}

export function parseShowStat(text: string): StatRow[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const header = lines.shift();
  if (!header?.startsWith('# ')) return [];
  const cols = header.slice(2).split(',');
  const idx = (n: string) => cols.indexOf(n);
  const num = (v: string | undefined) => (v ? Number(v) : 0);
  return lines.map((l) => {
    const f = l.split(',');
    const g = (n: string) => f[idx(n)];
    return {
      pxname: g('pxname') ?? '',
      svname: g('svname') ?? '',
      type: num(g('type')),
      status: g('status') ?? '',
      weight: num(g('weight')),
      scur: num(g('scur')),
      smax: num(g('smax')),
      stot: num(g('stot')),
      bin: num(g('bin')),
      bout: num(g('bout')),
      econ: num(g('econ')),
      eresp: num(g('eresp')),
      chkfail: num(g('chkfail')),
      check_status: g('check_status') ?? '',
    };
  });
}

export interface ServerState {
  name: string;
  /** User weight as set by config or `set server … weight`. */
  weight: number;
  /** Any maintenance flag (forced, inherited, config, resolution, health). */
  maint: boolean;
}

/**
 * srv_admin_state bits that mean "in maintenance" (HAProxy's SRV_ADMF_MAINT):
 * forced (0x01), inherited (0x02), DNS resolution (0x20). Not 0x04
 * (SRV_ADMF_CMAINT, "disabled in the config"): HAProxy keeps that bit after
 * `set server … state ready` and serves anyway, so counting it would re-send
 * `ready` on every audit and report it as drift. Not 0x40 either (HMAINT: the
 * FQDN was set from the CLI).
 */
const MAINT_BITS = 0x01 | 0x02 | 0x20;

/** `show servers state <backend>` (format version 1). */
export function parseServersState(text: string): ServerState[] {
  const out: ServerState[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#') || /^\d+$/.test(line.trim())) continue;
    const f = line.trim().split(/\s+/);
    if (f.length < 9) continue;
    out.push({ name: f[3]!, weight: Number(f[7]), maint: (Number(f[6]) & MAINT_BITS) !== 0 });
  }
  return out;
}

/**
 * No health result yet: HAProxy starts a checked server as "UP 1/<rise>" with
 * check_status "INI" ("* INI" while that first check is running). A reload
 * keeps the last result through the server-state file, so only a new server
 * (or process) shows it.
 */
export function checkPending(row: StatRow): boolean {
  return /^(\* )?INI$/.test(row.check_status);
}

/**
 * Server status → operating status (Octavia's mapping; transitional "UP 1/3"
 * is still UP). A monitored server without a first result is OFFLINE, as
 * Octavia reports a new monitored member, never ONLINE before a check passed.
 */
export function memberOperatingStatus(row: StatRow): OperatingStatus {
  const s = row.status;
  if (s.startsWith('MAINT')) return 'OFFLINE';
  if (s.startsWith('DRAIN') || s === 'NOLB') return 'DRAINING';
  if (s.startsWith('DOWN')) return 'ERROR';
  if (row.weight === 0) return 'DRAINING';
  if (s === 'no check') return 'NO_MONITOR';
  if (checkPending(row)) return 'OFFLINE';
  if (s.startsWith('UP')) return 'ONLINE';
  return 'ERROR';
}

/** Pool status from its members: ERROR when none can serve, DEGRADED when some cannot. */
export function poolOperatingStatus(members: OperatingStatus[], adminUp: boolean): OperatingStatus {
  if (!adminUp) return 'OFFLINE';
  const serving = members.filter((s) => s === 'ONLINE' || s === 'NO_MONITOR' || s === 'DRAINING');
  if (members.length === 0) return 'ONLINE';
  if (serving.length === 0) return 'ERROR';
  if (members.some((s) => s === 'ERROR')) return 'DEGRADED';
  return 'ONLINE';
}
