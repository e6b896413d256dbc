#!/usr/bin/env node
/** lbaas-agent entry point: parse options, start, stop cleanly on SIGTERM/SIGINT (HAProxy keeps serving). */
import { startAgent } from './main.js';
import { HELP, parseOptions } from './options.js';

async function main(): Promise<void> {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`lbaas-agent: ${(err as Error).message}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (opts === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const agent = await startAgent(opts);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void agent.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`lbaas-agent: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
