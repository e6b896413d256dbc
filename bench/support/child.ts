/**
 * Helper processes of a benchmark (backends, load generator), forked with an
 * IPC channel. Each child exits by itself when the channel closes, so a
 * crashed benchmark leaves none behind; `stop()` ends it by its pid.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Cleanup } from './cleanup.js';

/** A child that does not exit on disconnect within this grace gets SIGKILL. */
const STOP_GRACE_MS = 3_000;

/** What a child sends when it cannot do what it was asked. */
export interface ChildError {
  type: 'error';
  message: string;
}

export interface Child<In, Out extends { type: string }> {
  readonly pid: number;
  send(msg: In): void;
  /**
   * The next message of `type`. Rejects when the child sends `{type: 'error'}` first, exits first, or
   * `timeoutMs` passes.
   */
  next<T extends Out['type']>(type: T, timeoutMs: number): Promise<Extract<Out, { type: T }>>;
  stop(): Promise<void>;
}

export function forkChild<In, Out extends { type: string }>(module: URL, cleanup: Cleanup, name: string): Child<In, Out> {
  const cp: ChildProcess = fork(module, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exited = new Promise<void>((r) => cp.once('exit', () => r()));
  const stop = cleanup.add(`stop ${name} (pid ${cp.pid})`, async () => {
    if (cp.exitCode !== null || cp.signalCode !== null) return;
    if (cp.connected) cp.disconnect();
    await Promise.race([exited, sleep(STOP_GRACE_MS)]);
    if (cp.exitCode === null && cp.signalCode === null) {
      cp.kill('SIGKILL');
      await exited;
    }
  });
  return {
    pid: cp.pid ?? -1,
    send: (msg) => void cp.send(msg as object),
    next: (type, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`${name}: no "${type}" message within ${timeoutMs} ms`)), timeoutMs);
        const onMessage = (m: Out | ChildError) => {
          if (m?.type === type) finish(undefined, m as Extract<Out, { type: typeof type }>);
          else if (m?.type === 'error') finish(new Error(`${name}: ${(m as ChildError).message}`));
        };
        const onExit = (code: number | null, signal: string | null) =>
          finish(new Error(`${name} exited (code ${code}, signal ${signal}) before sending "${type}"`));
        function finish(err: Error | undefined, m?: Extract<Out, { type: typeof type }>) {
          clearTimeout(timer);
          cp.off('message', onMessage);
          cp.off('exit', onExit);
          if (err) reject(err);
          else resolve(m!);
        }
        cp.on('message', onMessage);
        cp.once('exit', onExit);
      }),
    stop,
  };
}

/** In a child: exit when the parent goes away (disconnect), whatever the child is doing. */
export function exitWithParent(onExit: () => Promise<void> | void = () => undefined): void {
  process.on('disconnect', () => {
    void Promise.resolve(onExit()).finally(() => process.exit(0));
  });
}
