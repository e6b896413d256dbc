/**
 * create for a resource given the `import` option: take over the agent's
 * object with that id instead of creating one, as `pulumi import` does for
 * native providers. Like the engine's import, it refuses when the program's
 * inputs differ from the object, naming each differing field, so nothing is
 * changed by the import itself.
 */
import type { dynamic } from '@pulumi/pulumi';
import { writableKeys, type Attrs } from '../../schema/attr.js';
import { camelName } from '../../schema/case.js';
import { RESOURCES, type Kind } from '../../schema/resources.js';
import { clientFor, givenSettings, settingsOf, specOf } from './settings.js';
import { inputsOf, outputsOf, sameValue } from './values.js';

export async function adopt(kind: Kind, id: string, inputs: Record<string, unknown>): Promise<dynamic.CreateResult> {
  const def = RESOURCES[kind];
  const client = clientFor(kind, settingsOf(inputs));
  const obj = (await client.get(kind, id)) as Record<string, unknown> | null;
  if (!obj) throw new Error(`lbaas ${kind} ${id} cannot be imported: the agent at ${client.endpoint} has no such ${kind}`);
  const actual = inputsOf(def, obj);
  const wanted = specOf(inputs);
  const differ: string[] = [];
  for (const k of writableKeys(def.attrs)) {
    const w = wanted[k];
    // Left to the agent (an allocated VIP address): whatever it has is right.
    if ((w === undefined || w === null) && (def.attrs as Attrs)[k]!.mode === 'optional_computed') continue;
    if (!sameValue(actual[k], w)) differ.push(`${camelName(k)} is ${JSON.stringify(actual[k])} on the agent, ${JSON.stringify(w ?? null)} in the program`);
  }
  if (differ.length) {
    throw new Error(`lbaas ${kind} ${id}: the inputs to import do not match the existing object (${differ.join('; ')}); change the program to match, then run again`);
  }
  return { id, outs: { ...outputsOf(obj), ...givenSettings(inputs) } };
}
