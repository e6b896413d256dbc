/**
 * delete: remove the object and wait for the data plane. Already gone is
 * success; an object still referenced is the agent's 409, naming the
 * referrers. Runs the provider code stored in the state, with the settings
 * stored there.
 */
import type { Kind } from '../../schema/resources.js';
import { agentWait, clientFor, settingsOf } from './settings.js';

export async function remove(kind: Kind, id: string, props: Record<string, unknown>): Promise<void> {
  const s = settingsOf(props);
  await clientFor(kind, s).delete(kind, id, { waitSeconds: agentWait(s) });
}
