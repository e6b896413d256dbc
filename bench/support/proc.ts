/** Process facts from /proc: memory of a process, its children, and processes found by command line. */
import { readFileSync, readdirSync } from 'node:fs';

/** The command line of `pid`, or undefined when it is gone. */
export function argvOf(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

function statusField(pid: number, field: string): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number | undefined {
  return statusField(pid, 'VmRSS');
}

/** Peak resident set size in bytes (VmHWM). */
export function peakRssBytes(pid: number): number | undefined {
  return statusField(pid, 'VmHWM');
}

/** Proportional set size in bytes: pages shared between processes (a master and its forked worker) counted once overall. */
export function pssBytes(pid: number): number | undefined {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every Linux architecture Node runs on). */
const USER_HZ = 100;

/** CPU time (user + system) a process has used so far, in ms. */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
    return ((Number(f[11]) + Number(f[12])) * 1000) / USER_HZ;
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

export function ppidOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(rest[1]);
  } catch {
    return undefined;
  }
}

/** Direct children of `pid`. */
export function childrenOf(pid: number): number[] {
  return allPids().filter((p) => ppidOf(p) === pid);
}

/** Processes whose command line satisfies `pred`. */
export function findPids(pred: (argv: string[]) => boolean): number[] {
  return allPids().filter((p) => {
    const argv = argvOf(p);
    return argv !== undefined && argv.length > 0 && pred(argv);
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const MiB = 1024 * 1024;
