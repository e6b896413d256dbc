/**
 * ImportResourceState: a state holding only the id (every other attribute
 * null); Terraform then calls ReadResource to fill it, and reports "Cannot
 * import non-existent remote object" when that read finds nothing.
 */
import type { ValueObject } from '../../protocol/cty/value.js';
import { Diagnostics } from '../diagnostics.js';
import type { ImportStateResponse } from '../resource.js';
import { type FrameworkServer, guard } from './server.js';
import { conformObject, reportResult, stripUnknowns } from './values.js';

export interface ImportResult {
  readonly imported: { typeName: string; state: ValueObject; private: Buffer | undefined }[];
  readonly diagnostics: Diagnostics;
}

export async function importResourceState<D>(server: FrameworkServer<D>, req: { typeName: string; id: string }): Promise<ImportResult> {
  const diagnostics = new Diagnostics();
  const entry = server.resource(req.typeName, diagnostics);
  if (!entry) return { imported: [], diagnostics };
  const hasId = 'id' in entry.schema.attributes;
  const resp: ImportStateResponse = { state: conformObject(entry.type, hasId ? { id: req.id } : {}), diagnostics };
  if (entry.impl.importState) {
    await guard(diagnostics, 'Error importing the resource', () => entry.impl.importState!({ ...server.base(req.typeName), id: req.id }, resp));
  } else if (!hasId) {
    diagnostics.error('Resource import not implemented', `${req.typeName} has no "id" attribute and no importState.`);
  }
  if (diagnostics.hasErrors) return { imported: [], diagnostics };
  const state = conformObject(entry.type, resp.state);
  reportResult(diagnostics, 'import', stripUnknowns(state));
  return { imported: [{ typeName: req.typeName, state, private: resp.private }], diagnostics };
}
