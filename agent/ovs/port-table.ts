/**
 * Every port of every bridge in one OVSDB read (JSON-RPC, no process), as
 * the same OvsPort rows getPort() returns one at a time: what the audit
 * compares with each pool's desired port.
 */
import { str, type OvsValue } from './ovsdb-json.js';
import { selectAll } from './ovsdb-rpc.js';
import { portOf, type OvsPort } from './port.js';
import type { OvsTarget } from './vsctl.js';

function uuids(v: OvsValue | undefined): string[] {
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.map(String) : [];
}

/** Ports by name, with their interface's columns (the interface of the same name) and their bridge. */
export async function readPortTable(target: OvsTarget): Promise<Map<string, OvsPort>> {
  const [ifaces = [], ports = [], bridges = []] = await selectAll(target, [
    { table: 'Interface', columns: ['name', 'type', 'external_ids', 'ofport', 'error'] },
    { table: 'Port', columns: ['_uuid', 'name', 'tag'] },
    { table: 'Bridge', columns: ['name', 'ports'] },
  ]);
  const ifaceByName = new Map(ifaces.map((i) => [str(i.name) ?? '', i]));
  const bridgeOfPort = new Map<string, string>();
  for (const b of bridges) for (const u of uuids(b.ports)) bridgeOfPort.set(u, str(b.name) ?? '');
  const out = new Map<string, OvsPort>();
  for (const p of ports) {
    const name = str(p.name);
    if (!name) continue;
    out.set(name, portOf(name, bridgeOfPort.get(str(p._uuid) ?? ''), p, ifaceByName.get(name)));
  }
  return out;
}
