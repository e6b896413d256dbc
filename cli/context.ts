/** What every command needs: the client over the resolved connection, and the global flags. */
import type { Command } from 'commander';
import { LbaasClient } from '../client/index.js';
import { resolveConnection, type ConnectionFlags } from './connection.js';

export function clientOf(cmd: Command): LbaasClient {
  const c = resolveConnection(cmd.optsWithGlobals<ConnectionFlags>());
  return new LbaasClient({ endpoints: c.endpoints, token: c.token, timeoutMs: c.timeoutMs });
}

/** Repeatable option: `-c id -c name` or `--endpoint a --endpoint b`. */
export function collect(v: string, prev: string[] = []): string[] {
  return [...prev, v];
}

/** Writes the rendered text (nothing for an empty string). */
export function print(text: string): void {
  if (text !== '') process.stdout.write(`${text}\n`);
}
