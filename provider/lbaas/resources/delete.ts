/**
 * Delete, waiting until the object is gone from the data plane. Already gone
 * (404) is success. A health monitor is detached from the pools still using
 * it (cascade): when Terraform replaces a monitor it deletes the old one
 * before updating the pool that refers to it.
 */
import type { DeleteRequest, DeleteResponse } from '../../framework/index.js';
import { reportApiError } from './errors.js';
import type { KindContext } from './kinds.js';
import { apiOf, type ProviderData } from './provider-data.js';
import { Deadline } from './wait.js';

export async function remove(ctx: KindContext, req: DeleteRequest<ProviderData>, resp: DeleteResponse): Promise<void> {
  const api = apiOf(req.providerData, resp.diagnostics);
  if (!api) return;
  const id = req.state.id as string;
  const deadline = new Deadline(api.timeouts.delete);
  try {
    await api.client.delete(ctx.kind, id, { waitSeconds: deadline.waitSeconds(), cascade: ctx.kind === 'health_monitor' });
  } catch (e) {
    reportApiError(resp.diagnostics, `Cannot delete ${ctx.typeName} ${id}`, e, ctx.schema, api.endpoint, ctx.sets);
  }
}
