/**
 * Connection settings as the provider side sees them: carried in every
 * resource's inputs and outputs (so that read and delete, which run from the
 * state, reach the same agent), with the environment of the provider process
 * as the last resort. The program side (../connection.ts) fills them from
 * resource arguments, stack config or the environment.
 */
import { MAX_WAIT_S } from '../../agent/http/preconditions.js';
import { LbaasClient } from '../../client/index.js';
import { RESOURCES, type Kind } from '../../schema/resources.js';
import { ENDPOINT_ENV, PROVIDER_KEY, SETTING_KEYS, TOKEN_ENV, type SettingKey } from './keys.js';
import { containsUnknown } from './values.js';

export { ENDPOINT_ENV, PROVIDER_KEY, SETTING_KEYS, TOKEN_ENV, type SettingKey } from './keys.js';

/**
 * How long a create or update waits for the change to be live: the agent's
 * `?wait=` (at most its MAX_WAIT_S), then polling until the same deadline.
 */
export const DEFAULT_WAIT_SECONDS = 60;
export const MAX_WAIT_SECONDS = 3600;
/** Beyond the agent's wait, for the request itself (durable write, answer): the client's own default timeout. */
const REQUEST_MARGIN_MS = 30_000;

export interface Settings {
  endpoint: string | undefined;
  token: string | undefined;
  waitSeconds: number;
}

// A schema field with the name of a setting would be shadowed: fail at load, naming it.
for (const def of Object.values(RESOURCES)) {
  for (const k of [...SETTING_KEYS, PROVIDER_KEY]) {
    if (k in def.attrs) throw new Error(`schema ${def.kind} has a field "${k}", which the Pulumi resources use as a setting`);
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Settings from a property bag (inputs or outputs), completed from the environment. */
export function settingsOf(props: Record<string, unknown>): Settings {
  const wait = props.waitSeconds;
  return {
    endpoint: str(props.endpoint) ?? str(process.env[ENDPOINT_ENV]),
    token: str(props.token) ?? str(process.env[TOKEN_ENV]),
    waitSeconds: typeof wait === 'number' ? wait : DEFAULT_WAIT_SECONDS,
  };
}

/** The settings to store with the resource: those the program gave (the environment fallback is not persisted). */
export function givenSettings(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) if (props[k] !== undefined && props[k] !== null) out[k] = props[k];
  return out;
}

/** The object's own fields: everything but the settings and the serialized provider. */
export function specOf(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === PROVIDER_KEY || (SETTING_KEYS as readonly string[]).includes(k)) continue;
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Problems with the settings, by property: for `check`. Unknown values (preview) are not judged. */
export function settingsIssues(props: Record<string, unknown>): { property: SettingKey; reason: string }[] {
  const issues: { property: SettingKey; reason: string }[] = [];
  const s = settingsOf(props);
  if (!containsUnknown(props.endpoint)) {
    if (s.endpoint === undefined) {
      issues.push({
        property: 'endpoint',
        reason: `no agent endpoint: set the endpoint argument, the stack config lbaas:endpoint or ${ENDPOINT_ENV}`,
      });
    } else if (!/^https?:\/\/[^\s/]+/.test(s.endpoint)) {
      issues.push({ property: 'endpoint', reason: `must be an http:// or https:// URL, got ${JSON.stringify(s.endpoint)}` });
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
  if (s.endpoint === undefined || s.token === undefined) {
    throw new Error(
      `lbaas ${kind}: no agent ${s.endpoint === undefined ? 'endpoint' : 'token'} (argument, stack config lbaas:*, or ${ENDPOINT_ENV}/${TOKEN_ENV})`,
    );
  }
  return new LbaasClient({ endpoint: s.endpoint, token: s.token, timeoutMs: agentWait(s) * 1000 + REQUEST_MARGIN_MS });
}

/** The `?wait=` to ask the agent for: the settings' wait, within the agent's limit. */
export function agentWait(s: Settings): number {
  return Math.min(s.waitSeconds, MAX_WAIT_S);
}
