/**
 * read: what the agent has now (for `pulumi refresh`). A deleted object
 * returns no id, which removes it from the state; otherwise the outputs are
 * the agent's object and the inputs its writable fields, so that drift shows
 * and the next `pulumi up` puts the program's values back.
 */
import type { dynamic } from '@pulumi/pulumi';
import { RESOURCES, type Kind } from '../../schema/resources.js';
import { clientFor, givenSettings, settingsOf } from './settings.js';
import { inputsOf, outputsOf } from './values.js';

export async function read(kind: Kind, id: string, props: Record<string, unknown> = {}): Promise<dynamic.ReadResult> {
  const client = clientFor(kind, settingsOf(props));
  const obj = (await client.get(kind, id)) as Record<string, unknown> | null;
  if (!obj) return { id: '' };
  const settings = givenSettings(props);
  return {
    id: String(obj.id),
    props: { ...outputsOf(obj), ...settings },
    inputs: { ...inputsOf(RESOURCES[kind], obj), ...settings },
  };
}
