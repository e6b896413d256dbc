/**
 * The one wrapper through which the agent runs `ip`, `ovs-vsctl`, `ethtool`,
 * `arping` and `haproxy`: argv arrays only (execa never spawns a shell here),
 * a deadline on every command, SIGTERM then SIGKILL, and a typed error that
 * keeps the original as `cause`.
 */
import { execa, type Options } from 'execa';

/** Default deadline: long enough for `haproxy -c` on a big config, short enough to unstick a reconcile. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Grace between SIGTERM and SIGKILL when a deadline passes. */
const FORCE_KILL_AFTER_MS = 2_000;

export interface RunOptions {
  /** Run inside this network namespace (`ip netns exec <ns> …`). */
  netns?: string;
  timeoutMs?: number;
  input?: string;
  /** When false, a non-zero exit is returned instead of thrown. Default true. */
  reject?: boolean;
  env?: Record<string, string>;
  /** Stream these to our own instead of capturing them (long installs whose errors must show as they happen). */
  inherit?: readonly ('stdout' | 'stderr')[];
  /** Working directory (default: the caller's). */
  cwd?: string;
}

export interface RunResult {
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

export class CommandError extends Error {
  readonly code = 'COMMAND_FAILED';
  constructor(
    readonly argv: string[],
    readonly exitCode: number | undefined,
    readonly signal: string | undefined,
    readonly timedOut: boolean,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    const why = timedOut ? 'timed out' : signal ? `killed by ${signal}` : `exited with ${exitCode}`;
    const detail = stderr.trim().split('\n').slice(-5).join(' | ');
    super(`${argv.join(' ')} ${why}${detail ? `: ${detail}` : ''}`, options);
  }
}

/** Prefix argv so that it runs inside `netns` when one is given. */
export function inNetns(netns: string | undefined, file: string, args: readonly string[]): string[] {
  return netns ? ['ip', 'netns', 'exec', netns, file, ...args] : [file, ...args];
}

export async function run(file: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const argv = inNetns(opts.netns, file, args);
  for (const a of argv) {
    // A NUL cannot be passed through execve; refuse early with a clear message.
    if (a.includes('\0')) throw new TypeError(`argument contains NUL: ${JSON.stringify(a)}`);
  }
  const options: Options = {
    timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    forceKillAfterDelay: FORCE_KILL_AFTER_MS,
    reject: false,
    stripFinalNewline: true,
    shell: false,
    ...(opts.input !== undefined ? { input: opts.input } : { stdin: 'ignore' as const }),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.inherit?.includes('stdout') ? { stdout: 'inherit' as const } : {}),
    ...(opts.inherit?.includes('stderr') ? { stderr: 'inherit' as const } : {}),
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
  };
  const [cmd, ...rest] = argv as [string, ...string[]];
  const r = await execa(cmd, rest, options);
  const stdout = typeof r.stdout === 'string' ? r.stdout : '';
  const stderr = typeof r.stderr === 'string' ? r.stderr : '';
  const exitCode = r.exitCode ?? -1;
  if (r.failed && opts.reject !== false) {
    throw new CommandError(argv, r.exitCode, r.signal ?? undefined, r.timedOut, stderr || stdout, { cause: r });
  }
  if (r.failed && (r.timedOut || r.exitCode === undefined)) {
    // Even with reject:false a spawn failure or timeout is not an answer.
    throw new CommandError(argv, r.exitCode, r.signal ?? undefined, r.timedOut, stderr || String(r.message), { cause: r });
  }
  return { argv, exitCode, stdout, stderr };
}

/** True when `file` can be run (looked up on PATH). */
export async function haveCommand(file: string, versionArgs: string[] = ['--version']): Promise<boolean> {
  try {
    await run(file, versionArgs, { reject: false, timeoutMs: 5_000 });
    return true;
  } catch {
    return false;
  }
}
