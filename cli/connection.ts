/**
 * Where the CLI finds the agent, normalized once: flags, else environment
 * (LBAAS_ENDPOINTS / LBAAS_ENDPOINT, LBAAS_TOKEN / LBAAS_TOKEN_FILE), else the
 * agent's default state dir token and http://127.0.0.1:9696 — the same order
 * as the Terraform provider.
 */
import { readFileSync } from 'node:fs';
import { CONNECTION_ENV, defaultTokenFile, endpointProblem, endpointsFrom, expandHome, splitEndpoints, type Env } from '../client/connection.js';
import { UsageError } from './fields.js';

export interface ConnectionFlags {
  endpoint?: string[];
  token?: string;
  tokenFile?: string;
  requestTimeout?: string;
}

export interface Connection {
  endpoints: string[];
  token: string;
  timeoutMs: number;
}

function readToken(file: string, source: string, env: Env): string {
  const expanded = expandHome(file, env);
  let text: string;
  try {
    text = readFileSync(expanded, 'utf8').trim();
  } catch (e) {
    throw new UsageError(`no API token: cannot read ${expanded} (${source}): ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}; use --token, --token-file, $${CONNECTION_ENV.token} or $${CONNECTION_ENV.tokenFile}`);
  }
  if (!text) throw new UsageError(`no API token: ${expanded} (${source}) is empty`);
  return text;
}

export function resolveConnection(f: ConnectionFlags, env: Env = process.env): Connection {
  // --endpoint may be repeated or comma separated: each is one agent of the cluster.
  const flagged = (f.endpoint ?? []).flatMap(splitEndpoints);
  const from = endpointsFrom({ endpoints: flagged }, env, { endpoint: '--endpoint', endpoints: '--endpoint' });
  for (const e of from.endpoints) {
    const problem = endpointProblem(e);
    if (problem) throw new UsageError(`${from.source}: ${problem}`);
  }
  let token: string;
  if (f.token) token = f.token;
  else if (f.tokenFile) token = readToken(f.tokenFile, '--token-file', env);
  else if (env[CONNECTION_ENV.token]?.trim()) token = env[CONNECTION_ENV.token]!.trim();
  else if (env[CONNECTION_ENV.tokenFile]) token = readToken(env[CONNECTION_ENV.tokenFile]!, `$${CONNECTION_ENV.tokenFile}`, env);
  else token = readToken(defaultTokenFile(env), "the agent's default state dir", env);
  const timeout = f.requestTimeout === undefined ? 30 : Number(f.requestTimeout);
  if (!Number.isFinite(timeout) || timeout <= 0) throw new UsageError(`--request-timeout: expected a number of seconds, got ${JSON.stringify(f.requestTimeout)}`);
  return { endpoints: from.endpoints, token, timeoutMs: timeout * 1000 };
}
