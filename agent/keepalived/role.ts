/**
 * The VRRP role of this agent for one pool, known at once: keepalived writes
 * every state change as a line (`INSTANCE "<name>" MASTER 100`) to the pool's
 * notify FIFO, which the agent keeps open. The FIFO is opened read-write and
 * non-blocking, so opening never waits for keepalived and a restarting
 * keepalived never gives us end-of-file; lines written while the agent was
 * down wait in the pipe and are read when it comes back. Each change is also
 * saved to a file (0600) so a restarted agent reports the last role before the
 * next line arrives.
 */
import { closeSync, constants, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { run } from '../exec/run.js';
import type { KeepalivedPaths } from '../paths.js';

export type VrrpRole = 'MASTER' | 'BACKUP' | 'FAULT' | 'UNKNOWN';

export interface RoleRecord {
  role: VrrpRole;
  /** RFC 3339 time the role was entered. */
  since: string;
}

export interface RoleChange {
  from: VrrpRole;
  to: VrrpRole;
  at: string;
}

const STATES: Record<string, VrrpRole> = { MASTER: 'MASTER', BACKUP: 'BACKUP', FAULT: 'FAULT', STOP: 'UNKNOWN', DELETED: 'UNKNOWN' };

/** `INSTANCE "lb_…" MASTER 100` → the instance and role; anything else (groups, garbage) → undefined. */
export function parseNotifyLine(line: string): { instance: string; role: VrrpRole } | undefined {
  const m = /^INSTANCE "([A-Za-z0-9_]+)" ([A-Z]+) \d+$/.exec(line.trim());
  const role = m ? STATES[m[2]!] : undefined;
  return m && role ? { instance: m[1]!, role } : undefined;
}

/** Create the notify FIFO (0600) if it is missing or is not a FIFO. */
export async function ensureFifo(p: KeepalivedPaths): Promise<void> {
  if (existsSync(p.notifyFifo)) {
    if (statSync(p.notifyFifo).isFIFO()) return;
    renameSync(p.notifyFifo, `${p.notifyFifo}.not-a-fifo`);
  }
  await run('mkfifo', ['-m', '600', p.notifyFifo]);
}

export function readRoleFile(p: KeepalivedPaths): RoleRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(p.role, 'utf8')) as RoleRecord;
    return typeof r.role === 'string' && typeof r.since === 'string' ? r : undefined;
  } catch {
    return undefined;
  }
}

export class RoleWatcher {
  private sock: net.Socket | undefined;
  private buffered = '';
  private record: RoleRecord;

  constructor(
    private readonly paths: KeepalivedPaths,
    private readonly instance: string,
    private readonly onChange: (c: RoleChange) => void = () => undefined,
  ) {
    this.record = readRoleFile(paths) ?? { role: 'UNKNOWN', since: new Date().toISOString() };
  }

  get current(): RoleRecord {
    return this.record;
  }

  get open(): boolean {
    return this.sock !== undefined && !this.sock.destroyed;
  }

  /** Start reading (the FIFO must exist: ensureFifo). Idempotent. */
  start(): void {
    if (this.open) return;
    const fd = openSync(this.paths.notifyFifo, constants.O_RDWR | constants.O_NONBLOCK);
    try {
      const sock = new net.Socket({ fd, readable: true, writable: false });
      sock.setEncoding('utf8');
      sock.on('data', (d: string) => this.feed(d));
      // A FIFO replaced or removed under us: reopened by the next start().
      sock.on('error', () => sock.destroy());
      this.sock = sock;
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  stop(): void {
    this.sock?.destroy();
    this.sock = undefined;
  }

  /** Set the role from what the host shows (adoption, a dead keepalived), as if keepalived had said it. */
  observe(role: VrrpRole): void {
    this.set(role);
  }

  private feed(data: string): void {
    this.buffered += data;
    const lines = this.buffered.split('\n');
    this.buffered = lines.pop() ?? '';
    for (const line of lines) {
      const n = parseNotifyLine(line);
      if (n && n.instance === this.instance) this.set(n.role);
    }
  }

  private set(role: VrrpRole): void {
    if (role === this.record.role) return;
    const at = new Date().toISOString();
    const change = { from: this.record.role, to: role, at };
    this.record = { role, since: at };
    const tmp = `${this.paths.role}.new`;
    writeFileSync(tmp, JSON.stringify(this.record), { mode: 0o600 });
    renameSync(tmp, this.paths.role);
    this.onChange(change);
  }
}
