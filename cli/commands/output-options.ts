/** -f/--format and -c/--column, on every command that prints objects. */
import { Option, type Command } from 'commander';
import { collect } from '../context.js';
import { FORMATS } from '../output.js';

export function withOutput(cmd: Command): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('table'))
    .option('-c, --column <name>', 'show only this column (repeatable)', collect);
}
