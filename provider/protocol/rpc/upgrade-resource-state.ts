/** UpgradeResourceState: stored JSON → msgpack of the current schema, every attribute present, no unknowns. */
import { upgradeResourceState as upgrade } from '../../framework/server/upgrade.js';
import type { FrameworkServer } from '../../framework/server/server.js';
import { Diagnostics } from '../../framework/diagnostics.js';
import { toDiagnostics } from '../convert/diagnostics.js';
import { encodeDynamic } from '../convert/dynamic.js';

export async function upgradeResourceState(
  server: FrameworkServer,
  req: { type_name: string; version?: number; raw_state?: { json?: Buffer; flatmap?: Record<string, string> } },
) {
  const r = await upgrade(server, {
    typeName: req.type_name,
    version: req.version ?? 0,
    json: req.raw_state?.json,
    flatmap: Object.keys(req.raw_state?.flatmap ?? {}).length > 0,
  });
  const entry = server.resource(req.type_name, new Diagnostics());
  return {
    ...(entry ? { upgraded_state: encodeDynamic(entry.type, r.state) } : {}),
    diagnostics: toDiagnostics(r.diagnostics.items),
  };
}
