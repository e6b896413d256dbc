/**
 * UpgradeResourceState, called for every stored instance even when the schema
 * version is unchanged: the stored JSON read with the current schema
 * (attributes the schema no longer has are dropped, new ones are null), then
 * the resource's upgradeState when it has one.
 */
import { decodeJsonValue } from '../../protocol/cty/json.js';
import type { ValueObject } from '../../protocol/cty/value.js';
import { Diagnostics, diagnosticFromError } from '../diagnostics.js';
import type { UpgradeStateResponse } from '../resource.js';
import { type FrameworkServer, guard } from './server.js';
import { conformObject, stripUnknowns } from './values.js';

export async function upgradeResourceState<D>(
  server: FrameworkServer<D>,
  req: { typeName: string; version: number; json: Buffer | undefined; flatmap: boolean },
): Promise<{ state: ValueObject | null; diagnostics: Diagnostics }> {
  const diagnostics = new Diagnostics();
  const entry = server.resource(req.typeName, diagnostics);
  if (!entry) return { state: null, diagnostics };
  if (!req.json?.length) {
    if (req.flatmap) diagnostics.error('Unsupported state format', 'The stored state is in the legacy flatmap format, which this provider never wrote.');
    return { state: null, diagnostics };
  }
  let state: ValueObject | null = null;
  let decodeError: unknown;
  try {
    state = decodeJsonValue(entry.type, req.json) as ValueObject | null;
  } catch (e) {
    decodeError = e;
  }
  if (entry.impl.upgradeState) {
    const resp: UpgradeStateResponse = { state, diagnostics };
    await guard(diagnostics, 'Error upgrading the resource state', () =>
      entry.impl.upgradeState!({ typeName: req.typeName, version: req.version, rawState: JSON.parse(req.json!.toString('utf8')) }, resp),
    );
    state = resp.state;
  } else if (decodeError !== undefined) {
    diagnostics.add(diagnosticFromError(`Stored state of ${req.typeName} does not fit the current schema`, decodeError));
  }
  if (state === null) return { state, diagnostics };
  state = conformObject(entry.type, state);
  stripUnknowns(state);
  return { state, diagnostics };
}
