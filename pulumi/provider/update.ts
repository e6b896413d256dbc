/**
 * update: PUT the changed updatable fields with If-Match on the revision the
 * state holds (a change made meanwhile outside Pulumi is a 412, never a lost
 * update), then wait for the change to be live. Only settings changed, or
 * only out of sync: the object is written unchanged, which makes the agent
 * reconcile it, and the new settings are stored.
 */
import type { dynamic } from '@pulumi/pulumi';
import { ApiError } from '../../client/errors.js';
import { updatableKeys } from '../../schema/attr.js';
import { RESOURCES, type Kind } from '../../schema/resources.js';
import { changedFields } from './diff.js';
import { agentWait, clientFor, givenSettings, settingsOf } from './settings.js';
import { requireLive, settle, type AgentObject } from './settle.js';
import { outputsOf } from './values.js';

export async function update(
  kind: Kind,
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<dynamic.UpdateResult> {
  const s = settingsOf(news);
  const client = clientFor(kind, s);
  const updatable = updatableKeys(RESOURCES[kind].attrs);
  const patch: Record<string, unknown> = {};
  for (const k of changedFields(kind, olds, news)) if (updatable.includes(k)) patch[k] = news[k] ?? null;
  const deadline = Date.now() + s.waitSeconds * 1000;
  const revision = typeof olds.revision === 'number' ? olds.revision : undefined;
  let written: AgentObject;
  try {
    written = (await client.update(kind, id, patch, {
      ...(revision !== undefined ? { ifMatch: revision } : {}),
      waitSeconds: agentWait(s),
    })) as AgentObject;
  } catch (err) {
    if (err instanceof ApiError && err.status === 412) {
      throw new Error(
        `lbaas ${kind} ${id} was changed outside Pulumi since revision ${String(revision)}: run \`pulumi refresh\`, then \`pulumi up\``,
        { cause: err },
      );
    }
    if (err instanceof ApiError && err.status === 404) {
      throw new Error(`lbaas ${kind} ${id} no longer exists on the agent: run \`pulumi refresh\` to forget it, then \`pulumi up\` to create it again`, {
        cause: err,
      });
    }
    throw err;
  }
  const obj = await settle(client, kind, written, deadline);
  const settings = givenSettings(news);
  requireLive(kind, obj, s.waitSeconds, settings);
  return { outs: { ...outputsOf(obj), ...settings } };
}
