/** ReadDataSource: a non-null, wholly known state. */
import { readDataSource as read } from '../../framework/server/read.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { Diagnostics } from '../../framework/diagnostics.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { decodeObject, encodeDynamic } from '../convert/dynamic.js';
import { log } from '../log.js';
import type { DynamicValue } from '../wire.js';

export async function readDataSource(server: FrameworkServer, req: { type_name: string; config?: DynamicValue }) {
  const entry = server.dataSource(req.type_name, new Diagnostics());
  if (!entry) return { diagnostics: toDiagnostics(new Diagnostics().error('Unknown data source type', req.type_name).items) };
  const r = await read(server, { typeName: req.type_name, config: decodeObject(entry.type, req.config) });
  if (r.dropped.length) log.warn('data source returned attributes the schema does not have; dropped', { type: req.type_name, attributes: r.dropped });
  return { ...(r.state ? { state: encodeDynamic(entry.type, r.state) } : {}), diagnostics: toDiagnostics(r.diagnostics.items) };
}
