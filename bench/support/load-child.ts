/**
 * Child process entry: the load generator. It runs apart from the process
 * that times the agent's answers (a saturated event loop there would inflate
 * change-to-live latency) and from the backends (so their answers are not
 * delayed by it either). One run at a time; it stops when told to or at its
 * own time cap, whichever comes first.
 */
import { exitWithParent, type ChildError } from './child.js';
import { runClose } from './load-close.js';
import { runKeepAlive, type RunningLoad } from './load-keepalive.js';
import type { LoadResult, LoadSpec } from './load-tally.js';

export type LoadIn = { type: 'run'; spec: LoadSpec } | { type: 'stop' };
export type LoadOut = { type: 'started' } | { type: 'result'; result: LoadResult } | ChildError;

let current: RunningLoad | undefined;

function send(m: LoadOut): void {
  process.send?.(m);
}

exitWithParent(() => current?.stop());

process.on('message', (m: LoadIn) => {
  if (m.type === 'stop') {
    current?.stop();
    return;
  }
  if (current) {
    send({ type: 'error', message: 'a load run is already in progress' });
    return;
  }
  const run = m.spec.mode === 'keep-alive' ? runKeepAlive(m.spec) : runClose(m.spec);
  current = run;
  send({ type: 'started' });
  run.result
    .then((result) => send({ type: 'result', result }))
    .catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.message : String(err) }))
    .finally(() => (current = undefined));
});
