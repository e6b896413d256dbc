#!/usr/bin/env node
/**
 * `lbaas`: the agent's API from the shell, over the shared client.
 * Parsing is commander's (no dependencies, typed, nested subcommands,
 * choices and mandatory options); every error ends as one line on stderr and
 * an exit code from ./errors.ts.
 */
import { Command, CommanderError } from 'commander';
import { CONNECTION_ENV, DEFAULT_ENDPOINT } from '../client/connection.js';
import { VERSION } from '../agent/version.js';
import { addCompletionCommand } from './commands/completion.js';
import { CLI_KIND, resourceCommands } from './commands/resources.js';
import { addAgentCommand, addStatsCommand } from './commands/system.js';
import { collect } from './context.js';
import { describe, EXIT } from './errors.js';

export function buildProgram(): Command {
  const program = new Command('lbaas')
    .description('Load balancers on an lbaas agent: pools, members, VIPs, health monitors')
    .version(VERSION)
    .option('--endpoint <url>', `agent URL; repeat (or comma separate) for the agents of a cluster (default $${CONNECTION_ENV.endpoints}, $${CONNECTION_ENV.endpoint}, else ${DEFAULT_ENDPOINT})`, collect)
    .option('--token <token>', `API token (default $${CONNECTION_ENV.token})`)
    .option('--token-file <file>', `file holding the API token (default $${CONNECTION_ENV.tokenFile}, else the agent's default state dir)`)
    .option('--request-timeout <seconds>', 'per-request timeout', '30')
    .showHelpAfterError()
    .exitOverride();
  const global = new Set(program.options.map((o) => o.long));
  for (const c of resourceCommands()) {
    // A schema field named like a global flag would be shadowed by it: fail at start, naming it.
    for (const sub of c.commands) for (const o of sub.options) if (global.has(o.long)) throw new Error(`lbaas ${c.name()} ${sub.name()}: ${o.long} clashes with the global flag`);
    if (c.name() === CLI_KIND.pool) addStatsCommand(c);
    program.addCommand(c);
  }
  addAgentCommand(program);
  addCompletionCommand(program);
  // Subcommands inherit the exit override (usage errors are exit 2, not commander's 1).
  const override = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(override);
  };
  override(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here too; commander already printed what it had to.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const { line, code } = describe(err);
    process.stderr.write(`lbaas: ${line}\n`);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
