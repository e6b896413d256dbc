/**
 * Read (refresh): what the agent has. A missing object → null (Terraform
 * plans a create); data-plane drift the agent reported since the state was
 * written → in_sync = false (see drift.ts).
 */
import type { ReadRequest, ReadResponse } from '../../framework/index.js';
import { refreshedInSync } from './drift.js';
import { reportApiError } from './errors.js';
import type { KindContext } from './kinds.js';
import { apiOf, type ProviderData } from './provider-data.js';
import { stateOf } from './state.js';
import type { AgentObject } from './wait.js';

export async function read(ctx: KindContext, req: ReadRequest<ProviderData>, resp: ReadResponse): Promise<void> {
  const id = req.state.id;
  if (typeof id !== 'string' || !id) {
    resp.diagnostics.error(`Cannot read ${ctx.typeName}`, 'The state has no id.');
    return;
  }
  if (!req.providerData?.client && req.providerData?.unknown?.length) {
    resp.diagnostics.warning(
      `${ctx.typeName} ${id} not refreshed`,
      `The provider's ${req.providerData.unknown.join(', ')} are not known yet, so the agent cannot be asked; the stored state is used as is.`,
    );
    return;
  }
  const api = apiOf(req.providerData, resp.diagnostics);
  if (!api) return;
  let obj: AgentObject | null;
  try {
    obj = (await api.client.get(ctx.kind, id)) as AgentObject | null;
  } catch (e) {
    reportApiError(resp.diagnostics, `Cannot read ${ctx.typeName} ${id}`, e, ctx.schema, api.endpoint, ctx.sets);
    return;
  }
  if (!obj) {
    resp.state = null;
    return;
  }
  const events = Array.isArray(obj.drift_events) ? (obj.drift_events as { at?: unknown }[]) : [];
  resp.state = stateOf(ctx, obj, refreshedInSync(req.state, obj.in_sync === true, events));
}
