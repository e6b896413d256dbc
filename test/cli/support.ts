/** Runs the built `lbaas` CLI (dist/cli/main.js) as a subprocess, with only the environment the test gives it. */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import type { AgentHandle } from '../harness/agent.js';

export const CLI = fileURLToPath(new URL('../../cli/main.js', import.meta.url));

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function lbaas(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const r = await execa('node', [CLI, ...args], {
    reject: false,
    // No LBAAS_* from the test process: each test says where the agent is.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/nonexistent', ...env },
    extendEnv: false,
    timeout: 120_000,
  });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** The environment that points the CLI at `agent`. */
export function envFor(agent: AgentHandle): Record<string, string> {
  return { LBAAS_ENDPOINT: agent.endpoint, LBAAS_TOKEN: agent.token };
}

/** Runs and parses `-f json` output; fails with the CLI's stderr otherwise. */
export async function json<T = Record<string, unknown>>(args: string[], env: Record<string, string>): Promise<T> {
  const r = await lbaas([...args, '-f', 'json'], env);
  if (r.exitCode !== 0) throw new Error(`lbaas ${args.join(' ')}: exit ${r.exitCode}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
