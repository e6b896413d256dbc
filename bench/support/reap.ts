/**
 * After the harness has stopped an agent's HAProxy masters (SIGTERM, without
 * waiting), make sure none of them, nor a worker, is still running: wait a
 * little, then SIGKILL what is left. Only processes whose command line names
 * that state directory are touched.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { findPids } from './proc.js';

/** Masters stop their workers and exit within a second when idle; this bounds a slow one. */
const EXIT_GRACE_MS = 5_000;

function haproxyOf(stateDir: string): number[] {
  return findPids((argv) => (argv[0] ?? '').endsWith('haproxy') && argv.some((a) => a.startsWith(stateDir)));
}

/** Returns how many processes had to be killed. */
export async function reapHaproxy(stateDir: string): Promise<number> {
  const deadline = Date.now() + EXIT_GRACE_MS;
  while (haproxyOf(stateDir).length && Date.now() < deadline) await sleep(100);
  const left = haproxyOf(stateDir);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  if (left.length) console.error(`killed ${left.length} HAProxy processes of ${stateDir} that outlived the agent's cleanup`);
  return left.length;
}
