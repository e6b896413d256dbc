/** What ConfigureProvider hands every resource and data source: an API client and the timeouts, or why there is none. */
import { LbaasClient } from '../../../client/index.js';
import { MAX_WAIT_S } from '../../../schema/params.js';
import type { Diagnostics } from '../../framework/index.js';
import type { Settings, Timeouts } from '../settings/settings.js';

export interface ProviderData {
  readonly client?: LbaasClient;
  readonly settings?: Settings;
  /** Provider settings Terraform did not know at configure time. */
  readonly unknown?: readonly string[];
}

export interface Api {
  readonly client: LbaasClient;
  readonly endpoint: string;
  readonly timeouts: Timeouts;
}


export function newClient(s: Settings): LbaasClient {
  const longest = Math.min(MAX_WAIT_S, Math.max(s.timeouts.create, s.timeouts.update, s.timeouts.delete));
  // A request may legitimately last as long as its ?wait=; give the answer 30 s on top.
  return new LbaasClient({ endpoints: s.endpoints, token: s.token, timeoutMs: (longest + 30) * 1000 });
}

/** The API, or an error diagnostic saying why the provider cannot talk to the agent yet. */
export function apiOf(data: ProviderData | undefined, diags: Diagnostics): Api | undefined {
  if (data?.client && data.settings) return { client: data.client, endpoint: data.settings.endpoint, timeouts: data.settings.timeouts };
  if (data?.unknown?.length) {
    diags.error(
      'Provider configuration not known yet',
      `The lbaas provider's ${data.unknown.join(', ')} depend on values known only after apply, so it cannot reach the agent in this run. Apply the resources they come from first (e.g. with -target).`,
    );
  } else {
    diags.error('Provider not configured', 'The lbaas provider has no agent endpoint and token; see the diagnostics of its configuration.');
  }
  return undefined;
}
