/**
 * create: POST the spec with a fresh Idempotency-Key (the client's retries
 * reuse it, so a create repeated after a lost answer returns the first
 * object instead of a second one), wait for the agent to make it live, and
 * return the agent's object as outputs.
 */
import type { dynamic } from '@pulumi/pulumi';
import { randomUUID } from 'node:crypto';
import type { Kind } from '../../schema/resources.js';
import { adopt } from './adopt.js';
import { IMPORT_KEY } from './keys.js';
import { agentWait, clientFor, givenSettings, settingsOf, specOf } from './settings.js';
import { requireLive, settle, type AgentObject } from './settle.js';
import { outputsOf, withoutNulls } from './values.js';

export async function create(kind: Kind, inputs: Record<string, unknown>): Promise<dynamic.CreateResult> {
  const importId = inputs[IMPORT_KEY];
  if (typeof importId === 'string' && importId !== '') return adopt(kind, importId, inputs);
  const s = settingsOf(inputs);
  const client = clientFor(kind, s);
  const deadline = Date.now() + s.waitSeconds * 1000;
  const created = (await client.create(kind, withoutNulls(specOf(inputs)), {
    idempotencyKey: randomUUID(),
    waitSeconds: agentWait(s),
  })) as AgentObject;
  const obj = await settle(client, kind, created, deadline);
  const settings = givenSettings(inputs);
  requireLive(kind, obj, s.waitSeconds, settings);
  return { id: obj.id, outs: { ...outputsOf(obj), ...settings } };
}
