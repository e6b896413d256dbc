/**
 * The one place ovs-vsctl is invoked. Every call gets `--timeout` (ovs-vsctl
 * otherwise waits forever for ovs-vswitchd to apply a change, e.g. when the
 * daemon is down) and, when configured, `--db=unix:<socket>`.
 *
 * Production uses the system default database (no `db`: ovs-vsctl's built-in
 * unix:/var/run/openvswitch/db.sock). Tests point `db` at the private OVS the
 * harness starts (test/harness/ovs.ts).
 */
import path from 'node:path';
import { CommandError, run } from '../exec/run.js';
import { OvsError } from './errors.js';
import { parseTable, type OvsValue } from './ovsdb-json.js';

/** Which OVS database to talk to. */
export interface OvsTarget {
  /** Absolute path of the OVSDB unix socket; undefined = the system default. */
  db?: string | undefined;
}

/**
 * Seconds ovs-vsctl may spend, including waiting for ovs-vswitchd to apply a
 * change. Creating a netdev bridge takes well under a second; 10 s leaves room
 * for a loaded host while still unsticking a reconcile when vswitchd is gone.
 */
export const VSCTL_TIMEOUT_S = 10;
/** Extra time our own deadline allows beyond ovs-vsctl's, so its message wins over a bare kill. */
const RUN_GRACE_MS = 3_000;

export function validateTarget(target: OvsTarget): OvsTarget {
  if (target.db !== undefined && (!path.isAbsolute(target.db) || /[\0\n]/.test(target.db))) {
    throw new OvsError('OVS_INVALID_ARGUMENT', `ovsDb must be an absolute socket path, got ${JSON.stringify(target.db)}`);
  }
  return target;
}

/** Leading ovs-vsctl options for a target. */
export function baseArgs(target: OvsTarget, timeoutS = VSCTL_TIMEOUT_S): string[] {
  return [`--timeout=${timeoutS}`, ...(target.db ? [`--db=unix:${target.db}`] : [])];
}

export interface VsctlOptions {
  timeoutS?: number;
  /** Do not wait for ovs-vswitchd to apply the change (reads never wait anyway). */
  noWait?: boolean;
}

/** Run ovs-vsctl; returns stdout. Errors become OvsError (OVS_UNREACHABLE when no DB answers). */
export async function vsctl(target: OvsTarget, args: readonly string[], opts: VsctlOptions = {}): Promise<string> {
  const timeoutS = opts.timeoutS ?? VSCTL_TIMEOUT_S;
  const argv = [...baseArgs(target, timeoutS), ...(opts.noWait ? ['--no-wait'] : []), ...args];
  try {
    const r = await run('ovs-vsctl', argv, { timeoutMs: timeoutS * 1000 + RUN_GRACE_MS });
    return r.stdout;
  } catch (e) {
    throw toOvsError(e);
  }
}

function toOvsError(e: unknown): OvsError {
  if (e instanceof CommandError) {
    const unreachable = /database connection failed|Connection refused|No such file or directory.*db\.sock/i.test(e.stderr);
    return new OvsError(unreachable ? 'OVS_UNREACHABLE' : 'OVS_COMMAND_FAILED', e.message, { cause: e });
  }
  return new OvsError('OVS_COMMAND_FAILED', `ovs-vsctl could not run: ${String(e)}`, { cause: e });
}

/** `ovs-vsctl --format=json --columns=… find <table> <conditions…>` decoded into rows. */
export async function find(
  target: OvsTarget,
  table: string,
  columns: readonly string[],
  conditions: readonly string[],
): Promise<Record<string, OvsValue>[]> {
  const out = await vsctl(target, ['--format=json', `--columns=${columns.join(',')}`, 'find', table, ...conditions]);
  return parseTable(out);
}

/** Quote a value for an ovs-vsctl `key=value` argument (its own syntax, not a shell's). */
export function ovsString(v: string): string {
  return JSON.stringify(v);
}

const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

/** Bridge and port names end up as Linux interface names: refuse anything else before running. */
export function assertIfName(name: string, what: string): string {
  if (!IFNAME.test(name)) {
    throw new OvsError('OVS_INVALID_ARGUMENT', `${what} must be 1-15 characters of A-Z, a-z, 0-9, "_", "." or "-", got ${JSON.stringify(name)}`);
  }
  return name;
}

const MARKER_VALUE = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Owner ids and pool ids go into external_ids and interface aliases: keep them plain. */
export function assertMarkerValue(v: string, what: string): string {
  if (!MARKER_VALUE.test(v)) {
    throw new OvsError('OVS_INVALID_ARGUMENT', `${what} must be 1-64 characters of A-Z, a-z, 0-9, "_", ".", ":" or "-", got ${JSON.stringify(v)}`);
  }
  return v;
}
