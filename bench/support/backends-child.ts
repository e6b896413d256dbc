/**
 * Child process entry: real HTTP backends (test/harness/backends.ts) for the
 * pools under test. They run apart from the load generator and from the
 * process that times the agent, so none of the three event loops slows
 * another: a saturated load generator would otherwise delay the backends'
 * answers, and both would delay the timestamps of change-to-live latency.
 */
import { startBackend, type Backend } from '../../test/harness/backends.js';
import { exitWithParent, type ChildError } from './child.js';

export type BackendsIn = { type: 'start'; count: number };
export type BackendsOut = { type: 'ready'; ports: number[] } | ChildError;

const backends: Backend[] = [];

function send(m: BackendsOut): void {
  process.send?.(m);
}

exitWithParent(async () => {
  await Promise.all(backends.map((b) => b.close()));
});

process.on('message', (m: BackendsIn) => {
  if (m.type !== 'start') return;
  Promise.all(Array.from({ length: m.count }, (_, i) => startBackend(`b${i + 1}`)))
    .then((bs) => {
      backends.push(...bs);
      send({ type: 'ready', ports: bs.map((b) => b.port) });
    })
    .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
});
