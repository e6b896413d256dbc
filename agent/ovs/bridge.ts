/**
 * Bridges: make sure the configured bridge exists. A bridge we create gets the
 * detected datapath_type and an `lbaas-owner` marker; a bridge that already
 * exists is used as it is (we only ever add our own ports to it), and its own
 * datapath_type decides how our ports are plugged.
 */
import { OvsError } from './errors.js';
import { str, strMap } from './ovsdb-json.js';
import { assertIfName, assertMarkerValue, find, ovsString, vsctl, type OvsTarget } from './vsctl.js';
import type { Datapath } from './datapath.js';
import { int } from './ovsdb-json.js';

export const OWNER_KEY = 'lbaas-owner';

export interface BridgeInfo {
  name: string;
  /** Raw Bridge.datapath_type ('' means the kernel datapath). */
  datapathType: string;
  /** What the datapath means for plugging; 'other' (e.g. DPDK) is treated like netdev for offloads. */
  datapath: Datapath | 'other';
  /** Agent id from external_ids:lbaas-owner, when an lbaas agent created it. */
  owner: string | undefined;
}

export function datapathOf(datapathType: string): BridgeInfo['datapath'] {
  if (datapathType === '' || datapathType === 'system') return 'system';
  if (datapathType === 'netdev') return 'netdev';
  return 'other';
}

export async function getBridge(target: OvsTarget, name: string): Promise<BridgeInfo | undefined> {
  assertIfName(name, 'bridge name');
  const rows = await find(target, 'Bridge', ['name', 'datapath_type', 'external_ids'], [`name=${name}`]);
  const row = rows[0];
  if (!row) return undefined;
  const datapathType = str(row.datapath_type) ?? '';
  return { name, datapathType, datapath: datapathOf(datapathType), owner: strMap(row.external_ids)[OWNER_KEY] };
}

export async function listBridges(target: OvsTarget): Promise<string[]> {
  const out = await vsctl(target, ['list-br']);
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}

export interface EnsureBridgeResult {
  bridge: BridgeInfo;
  created: boolean;
}

export async function ensureBridge(
  target: OvsTarget,
  name: string,
  opts: { datapath: Datapath; owner: string },
): Promise<EnsureBridgeResult> {
  assertIfName(name, 'bridge name');
  assertMarkerValue(opts.owner, 'owner id');
  const existing = await getBridge(target, name);
  if (existing) return { bridge: existing, created: false };
  try {
    await vsctl(target, [
      'add-br', name, '--', 'set', 'Bridge', name, `datapath_type=${opts.datapath}`, `external_ids:${OWNER_KEY}=${ovsString(opts.owner)}`,
    ]);
  } catch (e) {
    // Someone else may have created it between our read and our write: then use theirs.
    const now = await getBridge(target, name);
    if (now) return { bridge: now, created: false };
    throw new OvsError('OVS_BRIDGE_FAILED', `could not create bridge ${name}: ${(e as Error).message}`, { cause: e });
  }
  // ovs-vsctl exits 0 even when ovs-vswitchd fails to open the datapath; the
  // bridge's own interface then has no OpenFlow port. Fail loudly instead of
  // plugging VIPs into a dead bridge.
  const rows = await find(target, 'Interface', ['ofport', 'error'], [`name=${name}`]);
  const ofport = int(rows[0]?.ofport);
  if (ofport === undefined || ofport < 0) {
    const err = str(rows[0]?.error) ?? 'no OpenFlow port';
    await vsctl(target, ['--if-exists', 'del-br', name]).catch(() => undefined);
    throw new OvsError('OVS_BRIDGE_FAILED', `bridge ${name} (datapath_type=${opts.datapath}) did not come up: ${err}`);
  }
  const bridge = await getBridge(target, name);
  if (!bridge) throw new OvsError('OVS_BRIDGE_FAILED', `bridge ${name} vanished right after creation`);
  return { bridge, created: true };
}

/** Delete a bridge only when it carries `owner`'s marker (tests; the driver never deletes bridges). */
export async function deleteOwnedBridge(target: OvsTarget, name: string, owner: string): Promise<boolean> {
  const b = await getBridge(target, name);
  if (!b) return false;
  if (b.owner !== owner) {
    throw new OvsError('OVS_NOT_OWNED', `bridge ${name} is not owned by ${owner} (owner: ${b.owner ?? 'none'}); left alone`);
  }
  await vsctl(target, ['--if-exists', 'del-br', name]);
  return true;
}
