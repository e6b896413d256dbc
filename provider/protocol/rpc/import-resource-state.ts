/** ImportResourceState: state with only the id; Terraform reads it next. */
import { importResourceState as importState } from '../../framework/server/import.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { encodeDynamic } from '../convert/dynamic.js';

export async function importResourceState(server: FrameworkServer, req: { type_name: string; id?: string }) {
  const r = await importState(server, { typeName: req.type_name, id: req.id ?? '' });
  return {
    imported_resources: r.imported.map((i) => ({
      type_name: i.typeName,
      state: encodeDynamic(server.resources.get(i.typeName)!.type, i.state),
      private: i.private ?? Buffer.alloc(0),
    })),
    diagnostics: toDiagnostics(r.diagnostics.items),
  };
}
