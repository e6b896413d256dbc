/**
 * Connection settings as the provider side sees them: carried in every
 * resource's inputs and outputs (so that read and delete, which run from the
 * state, reach the same agent), with the environment of the provider process
 * as the last resort. The program side (../connection.ts) fills them from
 * resource arguments, stack config or the environment.
 */
import { endpointProblem, splitEndpoints } from '../../client/connection.js';
import { LbaasClient } from '../../client/index.js';
import { camelName } from '../../schema/case.js';
import { MAX_WAIT_S } from '../../schema/params.js';
import { RESOURCES, type Kind } from '../../schema/resources.js';
import { CARRIED_KEYS, CONNECTION_ENV, PROVIDER_KEY } from './keys.js';
import { containsUnknown } from './values.js';

export { CONNECTION_ENV, PROVIDER_KEY, SETTING_KEYS, type SettingKey } from './keys.js';

const ENDPOINT_ENV = CONNECTION_ENV.endpoint;
const TOKEN_ENV = CONNECTION_ENV.token;

/**
 * How long a create or update waits for the change to be live: the agent's
 * `?wait=` (at most its MAX_WAIT_S), then polling until the same deadline.
 */
export const DEFAULT_WAIT_SECONDS = 60;
export const MAX_WAIT_SECONDS = 3600;
/** Beyond the agent's wait, for the request itself (durable write, answer): the client's own default timeout. */
const REQUEST_MARGIN_MS = 30_000;

export interface Settings {
  /** Tried in order (cluster mode); empty when none is set anywhere. */
  endpoints: string[];
  token: string | undefined;
  waitSeconds: number;
}

// A schema field with the name of a setting would be shadowed: fail at load, naming it.
for (const def of Object.values(RESOURCES)) {
  for (const k of [...CARRIED_KEYS, PROVIDER_KEY]) {
    if (Object.keys(def.attrs).some((a) => camelName(a) === k)) throw new Error(`schema ${def.kind} has a field "${k}", which the Pulumi resources use as a setting`);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Settings from a property bag (inputs or outputs), completed from the environment. */
export function settingsOf(props: Record<string, unknown>): Settings {
  const wait = props.waitSeconds;
  const list = Array.isArray(props.endpoints) ? props.endpoints.filter((e): e is string => str(e) !== undefined) : [];
  const one = str(props.endpoint);
  const envList = splitEndpoints(process.env[CONNECTION_ENV.endpoints] ?? '');
  const envOne = str(process.env[ENDPOINT_ENV]);
  return {
    endpoints: list.length ? list : one ? [one] : envList.length ? envList : envOne ? [envOne] : [],
    token: str(props.token) ?? str(process.env[TOKEN_ENV]),
    waitSeconds: typeof wait === 'number' ? wait : DEFAULT_WAIT_SECONDS,
  };
}

/** The settings to store with the resource: those the program gave (the environment fallback is not persisted). */
export function givenSettings(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CARRIED_KEYS) if (props[k] !== undefined && props[k] !== null) out[k] = props[k];
  return out;
}

/** The object's own fields: everything but the settings and the serialized provider. */
export function specOf(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === PROVIDER_KEY || CARRIED_KEYS.includes(k)) continue;
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Problems with the settings, by property: for `check`. Unknown values (preview) are not judged. */
export function settingsIssues(props: Record<string, unknown>): { property: string; reason: string }[] {
  const issues: { property: string; reason: string }[] = [];
  const s = settingsOf(props);
  if (!containsUnknown(props.endpoint) && !containsUnknown(props.endpoints)) {
    if (!s.endpoints.length) {
      issues.push({
        property: 'endpoint',
        reason: `no agent endpoint: set the endpoint(s) argument, the stack config lbaas:endpoint(s), ${CONNECTION_ENV.endpoints} or ${ENDPOINT_ENV}`,
      });
    }
    const fromList = Array.isArray(props.endpoints) && props.endpoints.length > 0;
    for (const [i, e] of s.endpoints.entries()) {
      const problem = endpointProblem(e);
      if (problem) issues.push({ property: fromList ? `endpoints[${i}]` : 'endpoint', reason: problem });
    }
  }
  if (!containsUnknown(props.token) && s.token === undefined) {
    issues.push({
      property: 'token',
      reason: `no agent token: set the token argument, the stack config lbaas:token (--secret) or ${TOKEN_ENV}`,
    });
  }
  const w = props.waitSeconds;
  if (w !== undefined && w !== null && !containsUnknown(w) && !(Number.isInteger(w) && (w as number) >= 0 && (w as number) <= MAX_WAIT_SECONDS)) {
    issues.push({ property: 'waitSeconds', reason: `must be an integer between 0 and ${MAX_WAIT_SECONDS}, got ${JSON.stringify(w)}` });
  }
  return issues;
}

/** A client for the agent named by the settings; throws naming what is missing. */
export function clientFor(kind: Kind, s: Settings): LbaasClient {
  if (!s.endpoints.length || s.token === undefined) {
    throw new Error(
      `lbaas ${kind}: no agent ${!s.endpoints.length ? 'endpoint' : 'token'} (argument, stack config lbaas:*, or ${ENDPOINT_ENV}/${TOKEN_ENV})`,
    );
  }
  return new LbaasClient({ endpoints: s.endpoints, token: s.token, timeoutMs: agentWait(s) * 1000 + REQUEST_MARGIN_MS });
}

/** The `?wait=` to ask the agent for: the settings' wait, within the agent's limit. */
export function agentWait(s: Settings): number {
  return Math.min(s.waitSeconds, MAX_WAIT_S);
}
