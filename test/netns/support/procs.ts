/** Processes found through /proc: HAProxy of a state directory, stopping a set of pids. */
import { readFileSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { pidAlive } from '../../harness/ovs.js';

/** After SIGTERM, polls of 50 ms before SIGKILL. */
const STOP_POLLS = 60;

function cmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** Live (non-zombie) HAProxy processes, masters and workers, whose command line names a file under `dir`. */
export function haproxyPidsOf(dir: string): number[] {
  const prefix = `${dir}/`;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((pid) => {
      const argv = cmdline(pid);
      return argv[0] !== undefined && argv[0].endsWith('haproxy') && argv.some((a) => a.startsWith(prefix)) && pidAlive(pid);
    });
}

/** SIGTERM, then SIGKILL what is still alive after a grace. Pids must have been checked to be ours. */
export async function stopPids(pids: number[]): Promise<void> {
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  for (const pid of pids) signal(pid, 'SIGTERM');
  for (let i = 0; i < STOP_POLLS && pids.some(pidAlive); i++) await sleep(50);
  for (const pid of pids) if (pidAlive(pid)) signal(pid, 'SIGKILL');
}
