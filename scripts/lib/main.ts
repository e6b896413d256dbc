/**
 * The two things every repository script does the same way: read its flags
 * (node:util parseArgs, strict, with `--help` printing the usage) and, when
 * run as the main module, turn a thrown error into one line on stderr and
 * exit code 1, so `npm run …` says what failed and where.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export type FlagSpec = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

export type Flags<S extends FlagSpec> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? boolean : S[K]['multiple'] extends true ? string[] : string;
};

/** Flags of `argv` per `spec`; `--help` prints `usage` and exits 0; anything unknown or valueless throws naming it. */
export function readFlags<S extends FlagSpec>(argv: string[], spec: S, usage: string): Flags<S> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`usage: ${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args: argv, options: spec, strict: true, allowPositionals: false }).values as Flags<S>;
  } catch (e) {
    // parseArgs' messages name the flag ("Unknown option '--x'", "Option '--dir <value>' argument missing").
    throw new Error(`${e instanceof Error ? e.message : String(e)} (usage: ${usage})`);
  }
}

/** True when the module whose import.meta.url this is was started as `node <file>`. */
export function isMain(moduleUrl: string): boolean {
  return !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

/** Runs `fn` when `moduleUrl` is the main module; an error becomes `<name>: <message>` and exit code 1. */
export function runAsMain(moduleUrl: string, name: string, fn: (argv: string[]) => Promise<void>, o: { stack?: boolean } = {}): void {
  if (!isMain(moduleUrl)) return;
  fn(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${name}: ${e instanceof Error ? ((o.stack ? e.stack : undefined) ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
