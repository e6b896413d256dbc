/** Parent side of backends-child.ts: N real HTTP backends in their own process. */
import type { Cleanup } from './cleanup.js';
import { forkChild } from './child.js';
import type { BackendsIn, BackendsOut } from './backends-child.js';

/** Starting a few HTTP servers takes milliseconds; this only bounds a broken child. */
const READY_TIMEOUT_MS = 15_000;

export interface BackendPool {
  ports: number[];
  pid: number;
}

export async function startBackendProcess(count: number, cleanup: Cleanup): Promise<BackendPool> {
  const child = forkChild<BackendsIn, BackendsOut>(new URL('./backends-child.js', import.meta.url), cleanup, 'backends');
  child.send({ type: 'start', count });
  const ready = await child.next('ready', READY_TIMEOUT_MS);
  return { ports: ready.ports, pid: child.pid };
}
