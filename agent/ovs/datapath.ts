/**
 * Which OVS datapath new bridges use: the kernel one (`system`) when the
 * openvswitch module is there, else the userspace one (`netdev`).
 *
 * The module check is a file test. When the module is not visible (built into
 * the kernel, or /sys not mounted) we ask ovs-vswitchd itself: create a
 * throw-away bridge with datapath_type=system and see whether it got an
 * OpenFlow port. The probe bridge carries an `lbaas-probe` marker and is
 * deleted in `finally`.
 */
import { access } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { find, vsctl, ovsString, type OvsTarget } from './vsctl.js';
import { int } from './ovsdb-json.js';

export type Datapath = 'system' | 'netdev';

export interface DatapathChoice {
  datapath: Datapath;
  reason: string;
}

const MODULE_PATH = '/sys/module/openvswitch';

async function moduleLoaded(): Promise<boolean> {
  try {
    await access(MODULE_PATH);
    return true;
  } catch {
    return false;
  }
}

/** Create and delete a `system` bridge; true when ovs-vswitchd could open the kernel datapath. */
export async function probeSystemDatapath(target: OvsTarget, owner: string): Promise<boolean> {
  const name = `lbprobe${randomBytes(3).toString('hex')}`; // 13 chars, under IFNAMSIZ
  try {
    // ovs-vsctl exits 0 even when vswitchd fails to open the datapath (it only
    // warns), so the answer is the bridge interface's ofport: -1 or empty = failed.
    await vsctl(target, [
      'add-br', name, '--', 'set', 'Bridge', name, 'datapath_type=system', `external_ids:lbaas-probe=${ovsString(owner)}`,
    ]);
    const rows = await find(target, 'Interface', ['ofport'], [`name=${name}`]);
    const ofport = int(rows[0]?.ofport);
    return ofport !== undefined && ofport >= 0;
  } catch {
    return false;
  } finally {
    await vsctl(target, ['--if-exists', 'del-br', name]).catch(() => undefined);
  }
}

export async function detectDatapath(target: OvsTarget, owner: string): Promise<DatapathChoice> {
  if (await moduleLoaded()) return { datapath: 'system', reason: 'openvswitch kernel module loaded' };
  if (await probeSystemDatapath(target, owner)) {
    return { datapath: 'system', reason: `kernel datapath works although ${MODULE_PATH} is absent (built-in module)` };
  }
  return { datapath: 'netdev', reason: 'no openvswitch kernel module: userspace datapath (datapath_type=netdev)' };
}
