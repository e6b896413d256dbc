/**
 * VIP ports on a bridge. Every port we add carries, in Interface.external_ids,
 * the Neutron-style keys (iface-id, attached-mac, iface-status=active) plus our
 * ownership marker (lbaas-owner=<agent id>, lbaas-pool=<pool id>), written in
 * the same OVSDB transaction that creates the port, so a port of ours never
 * exists without its marker. Nothing is deleted unless it carries the marker.
 */
import { OvsError } from './errors.js';
import { int, str, strMap, type OvsValue } from './ovsdb-json.js';
import { selectAll } from './ovsdb-rpc.js';
import { OWNER_KEY } from './bridge.js';
import { assertIfName, assertMarkerValue, find, ovsString, vsctl, type OvsTarget } from './vsctl.js';

export const POOL_KEY = 'lbaas-pool';

export interface OvsPort {
  name: string;
  /** Bridge holding the port (undefined only in a race with a concurrent delete). */
  bridge: string | undefined;
  tag: number | undefined;
  /** Interface.type: 'internal' for OVS internal ports, '' for an existing netdev such as a veth end. */
  type: string;
  externalIds: Record<string, string>;
  /** -1 or undefined when ovs-vswitchd could not open the device. */
  ofport: number | undefined;
  error: string | undefined;
  /** Our marker, when present. */
  owner: string | undefined;
  pool: string | undefined;
}

export async function getPort(target: OvsTarget, name: string): Promise<OvsPort | undefined> {
  assertIfName(name, 'port name');
  // One OVSDB transaction over its socket (no ovs-vsctl process): plug and unplug read a port often.
  const [ifaces = [], ports = [], bridges = []] = await selectAll(target, [
    { table: 'Interface', columns: ['name', 'type', 'external_ids', 'ofport', 'error'], where: [['name', '==', name]] },
    { table: 'Port', columns: ['_uuid', 'tag'], where: [['name', '==', name]] },
    { table: 'Bridge', columns: ['name', 'ports'] },
  ]);
  const port = ports[0];
  if (!port) return undefined;
  const portUuid = str(port._uuid);
  const bridgeRow = bridges.find((b) => {
    const p = b.ports;
    const uuids = Array.isArray(p) ? p.map(String) : [String(p)];
    return portUuid !== undefined && uuids.includes(portUuid);
  });
  return portOf(name, str(bridgeRow?.name), port, ifaces[0]);
}

/** An OvsPort from its Port row, the Interface row of the same name, and its bridge's name. */
export function portOf(name: string, bridge: string | undefined, port: Record<string, OvsValue>, iface: Record<string, OvsValue> | undefined): OvsPort {
  const externalIds = strMap(iface?.external_ids);
  return {
    name,
    bridge,
    tag: int(port.tag),
    type: str(iface?.type) ?? '',
    externalIds,
    ofport: int(iface?.ofport),
    error: str(iface?.error),
    owner: externalIds[OWNER_KEY],
    pool: externalIds[POOL_KEY],
  };
}

export interface AddPortSpec {
  bridge: string;
  name: string;
  /** true: OVS creates the device (internal port); false: attach an existing device (veth end). */
  internal: boolean;
  tag: number | undefined;
  /** MAC requested for an internal port (Interface.mac); also recorded as attached-mac. */
  mac: string;
  ifaceId: string;
  owner: string;
  pool: string;
  /** Delete a port of the same name first (used to re-attach a recreated device). */
  replace?: boolean;
}

export function assertTag(tag: number | undefined): void {
  if (tag !== undefined && !(Number.isInteger(tag) && tag >= 1 && tag <= 4094)) {
    throw new OvsError('OVS_INVALID_ARGUMENT', `VLAN tag must be an integer 1-4094, got ${tag}`);
  }
}

/** The Neutron-style keys plus our marker, as `external_ids:k=v` arguments. */
export function externalIdArgs(spec: Pick<AddPortSpec, 'mac' | 'ifaceId' | 'owner' | 'pool'>): string[] {
  const ids: Record<string, string> = {
    'iface-id': spec.ifaceId,
    'attached-mac': spec.mac,
    'iface-status': 'active',
    [OWNER_KEY]: spec.owner,
    [POOL_KEY]: spec.pool,
  };
  return Object.entries(ids).map(([k, v]) => `external_ids:${k}=${ovsString(v)}`);
}

export async function addPort(target: OvsTarget, spec: AddPortSpec): Promise<void> {
  assertIfName(spec.bridge, 'bridge name');
  assertIfName(spec.name, 'port name');
  assertTag(spec.tag);
  assertMarkerValue(spec.owner, 'owner id');
  assertMarkerValue(spec.pool, 'pool id');
  assertMarkerValue(spec.ifaceId, 'iface-id');
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(spec.mac)) throw new OvsError('OVS_INVALID_ARGUMENT', `bad MAC ${spec.mac}`);
  // A replace must be two transactions: when del-port and add-port of the same
  // name arrive together, ovs-vswitchd sees an unchanged port and keeps the
  // netdev it opened on the old (deleted) device, so a recreated veth never
  // gets traffic (seen with the netdev datapath, OVS 3.1).
  if (spec.replace) await vsctl(target, ['--if-exists', 'del-port', spec.name]);
  await vsctl(target, [
    'add-port', spec.bridge, spec.name, ...(spec.tag !== undefined ? [`tag=${spec.tag}`] : []),
    '--', 'set', 'Interface', spec.name,
    ...(spec.internal ? ['type=internal', `mac=${ovsString(spec.mac)}`] : []),
    ...externalIdArgs(spec),
  ]);
}

/** Set or clear Port.tag. */
export async function setPortTag(target: OvsTarget, name: string, tag: number | undefined): Promise<void> {
  assertIfName(name, 'port name');
  assertTag(tag);
  await vsctl(target, tag === undefined ? ['clear', 'Port', name, 'tag'] : ['set', 'Port', name, `tag=${tag}`]);
}

/** Rewrite our external_ids keys on an interface (others' keys are kept). */
export async function setPortExternalIds(
  target: OvsTarget,
  name: string,
  spec: Pick<AddPortSpec, 'mac' | 'ifaceId' | 'owner' | 'pool'>,
): Promise<void> {
  assertIfName(name, 'port name');
  await vsctl(target, ['set', 'Interface', name, ...externalIdArgs(spec)]);
}

export interface OwnedPort {
  name: string;
  pool: string | undefined;
}

export async function listOwnedPorts(target: OvsTarget, owner: string): Promise<OwnedPort[]> {
  assertMarkerValue(owner, 'owner id');
  const rows = await find(target, 'Interface', ['name', 'external_ids'], [`external_ids:${OWNER_KEY}=${ovsString(owner)}`]);
  return rows.map((r) => ({ name: str(r.name) ?? '', pool: strMap(r.external_ids)[POOL_KEY] })).filter((p) => p.name);
}

/**
 * Delete a port only when it carries our marker (and, when given, the pool).
 * Returns false when there was nothing to delete; throws OVS_NOT_OWNED and
 * leaves the port alone when the marker is missing or someone else's.
 */
export async function deleteOwnedPort(target: OvsTarget, name: string, marker: { owner: string; pool?: string }): Promise<boolean> {
  const port = await getPort(target, name);
  if (!port) return false;
  if (port.owner !== marker.owner || (marker.pool !== undefined && port.pool !== marker.pool)) {
    throw new OvsError(
      'OVS_NOT_OWNED',
      `port ${name} is not ours (external_ids ${OWNER_KEY}=${port.owner ?? '(none)'} ${POOL_KEY}=${port.pool ?? '(none)'}, ` +
        `expected ${marker.owner}${marker.pool ? `/${marker.pool}` : ''}); left alone`,
    );
  }
  // The check and the delete are two transactions; ovs-vsctl cannot make the
  // delete conditional. The window is tiny and only matters if someone else
  // re-creates a port under our name in between.
  await vsctl(target, ['--if-exists', 'del-port', name]);
  return true;
}
