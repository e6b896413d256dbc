/**
 * The provider configuration, normalized once at ConfigureProvider: the
 * block's values, else the environment, else defaults. Values Terraform does
 * not know yet (an endpoint taken from a resource not created) are reported
 * as such so operations can say why they cannot reach the agent.
 */
import { readFileSync } from 'node:fs';
import { defaultTokenFile, endpointProblem, endpointsFrom, expandHome, type Env } from '../../../client/connection.js';
import { type AttrPath, Diagnostics, getAttr, isObject, isUnknown, type Value, type ValueObject } from '../../framework/index.js';
import { parseDuration } from './duration.js';
import { DEFAULT_TIMEOUT, ENV } from './schema.js';

export interface Timeouts {
  /** Seconds. */
  readonly create: number;
  readonly update: number;
  readonly delete: number;
}

export interface Settings {
  /** The first of `endpoints`. */
  readonly endpoint: string;
  readonly endpoints: readonly string[];
  readonly token: string;
  readonly timeouts: Timeouts;
}

export type Resolved = { ok: true; settings: Settings } | { ok: false; unknown: string[] };

export { defaultTokenFile } from '../../../client/connection.js';

const str = (v: Value): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Problems that need no environment: run at `terraform validate`. */
export function checkConfig(config: ValueObject, diags: Diagnostics): void {
  const endpoint = getAttr(config, 'endpoint');
  if (typeof endpoint === 'string') checkEndpoint(endpoint, diags, ['endpoint']);
  const endpoints = getAttr(config, 'endpoints');
  if (Array.isArray(endpoints)) endpoints.forEach((e, i) => typeof e === 'string' && checkEndpoint(e, diags, ['endpoints', i]));
  if (str(getAttr(config, 'token')) && str(getAttr(config, 'token_file'))) {
    diags.error('Conflicting provider settings', 'Set token or token_file, not both.', ['token_file']);
  }
  const timeouts = getAttr(config, 'timeouts');
  if (isObject(timeouts)) {
    for (const op of ['create', 'update', 'delete'] as const) {
      const v = getAttr(timeouts, op);
      if (typeof v === 'string') checkDuration(v, diags, ['timeouts', op]);
    }
  }
}

function checkEndpoint(s: string, diags: Diagnostics, at?: AttrPath, source?: string): boolean {
  const problem = endpointProblem(s);
  if (problem) diags.error('Invalid endpoint', `${source ? `${source}: ` : ''}the lbaas-agent endpoint ${problem}.`, at);
  return problem === undefined;
}

function checkDuration(s: string, diags: Diagnostics, at?: AttrPath, source?: string): number | undefined {
  const n = parseDuration(s);
  if (n === undefined || n <= 0) {
    diags.error('Invalid timeout', `${source ? `${source}: ` : ''}expected a duration such as "90s", "5m" or "1h", got ${JSON.stringify(s)}.`, at);
    return undefined;
  }
  return n;
}

/** Block values over environment over defaults; diagnostics say which source was wrong. */
export function resolveSettings(config: ValueObject, diags: Diagnostics, env: Env = process.env): Resolved | undefined {
  const unknown: string[] = [];
  const val = (v: Value, name: string): string | null => {
    if (isUnknown(v)) {
      unknown.push(name);
      return null;
    }
    return str(v);
  };
  const timeoutsBlock = getAttr(config, 'timeouts');
  const tb = isObject(timeoutsBlock) ? timeoutsBlock : {};
  const endpointCfg = val(getAttr(config, 'endpoint'), 'endpoint');
  const endpointsRaw = getAttr(config, 'endpoints');
  if (isUnknown(endpointsRaw) || (Array.isArray(endpointsRaw) && endpointsRaw.some(isUnknown))) unknown.push('endpoints');
  const endpointsCfg = Array.isArray(endpointsRaw) ? endpointsRaw.filter((e): e is string => typeof e === 'string' && e !== '') : [];
  const tokenCfg = val(getAttr(config, 'token'), 'token');
  const tokenFileCfg = val(getAttr(config, 'token_file'), 'token_file');
  const ops = { create: val(getAttr(tb, 'create'), 'timeouts.create'), update: val(getAttr(tb, 'update'), 'timeouts.update'), delete: val(getAttr(tb, 'delete'), 'timeouts.delete') };
  if (unknown.length) return { ok: false, unknown };

  const from = endpointsFrom({ endpoint: endpointCfg ?? undefined, endpoints: endpointsCfg }, env);
  for (const [i, e] of from.endpoints.entries()) {
    const at: AttrPath | undefined = from.source === 'endpoints' ? ['endpoints', i] : from.source === 'endpoint' ? ['endpoint'] : undefined;
    if (!checkEndpoint(e, diags, at, at ? undefined : from.source)) return undefined;
  }
  const endpoints = from.endpoints;

  const token = readToken({ tokenCfg, tokenFileCfg, env }, diags);
  if (token === undefined) return undefined;

  const fallback = str(env[ENV.timeout] ?? null) ?? DEFAULT_TIMEOUT;
  const timeouts: Record<string, number> = {};
  for (const op of ['create', 'update', 'delete'] as const) {
    const envName = ENV[op];
    const [text, source, at] = ops[op] ? [ops[op], undefined, ['timeouts', op]] : env[envName] ? [env[envName]!, `$${envName}`, undefined] : [fallback, `$${ENV.timeout}`, undefined];
    const n = checkDuration(text, diags, at, source);
    if (n === undefined) return undefined;
    timeouts[op] = n;
  }
  return { ok: true, settings: { endpoint: endpoints[0]!, endpoints, token, timeouts: timeouts as unknown as Timeouts } };
}

function readToken(o: { tokenCfg: string | null; tokenFileCfg: string | null; env: Env }, diags: Diagnostics): string | undefined {
  if (o.tokenCfg) return o.tokenCfg.trim();
  const envToken = str(o.env[ENV.token] ?? null);
  const candidates: [string, string, AttrPath | undefined, boolean][] = [];
  if (o.tokenFileCfg) candidates.push([o.tokenFileCfg, 'token_file', ['token_file'], true]);
  else if (envToken) return envToken.trim();
  else if (str(o.env[ENV.tokenFile] ?? null)) candidates.push([o.env[ENV.tokenFile]!, `$${ENV.tokenFile}`, undefined, true]);
  else candidates.push([defaultTokenFile(o.env), "the agent's default token file", undefined, false]);
  const [file, source, at, explicit] = candidates[0]!;
  const expanded = expandHome(file, o.env);
  try {
    const token = readFileSync(expanded, 'utf8').trim();
    if (token) return token;
    diags.error('Empty API token file', `${expanded} (${source}) is empty.`, at);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    diags.error(
      'No API token for the lbaas-agent',
      explicit
        ? `Cannot read ${expanded} (${source}): ${why}.`
        : `Set token or token_file in the provider block, or $${ENV.token} / $${ENV.tokenFile}. (${expanded} does not exist or cannot be read: ${why}.)`,
      at,
    );
  }
  return undefined;
}
