/** Is an OVS database reachable, and which OVS is it? Used by `--driver auto` and driver start. */
import { OvsError } from './errors.js';
import { vsctl, type OvsTarget } from './vsctl.js';

/** Short: this runs at agent start and in `--driver auto`; a live local ovsdb answers in milliseconds. */
const PROBE_TIMEOUT_S = 3;

export interface OvsReachability {
  ok: boolean;
  /** ovs_version of the Open_vSwitch row, when known. */
  version: string | undefined;
  reason: string;
}

export async function ovsReachable(target: OvsTarget): Promise<OvsReachability> {
  const where = target.db ? `unix:${target.db}` : 'the default OVS database';
  try {
    // `get` on the root row both proves the DB answers and that it was initialised.
    const out = await vsctl(target, ['--no-wait', 'get', 'Open_vSwitch', '.', 'ovs_version'], { timeoutS: PROBE_TIMEOUT_S });
    const raw = out.trim();
    // An empty optional column prints as [] until ovs-vswitchd has filled it in.
    const version = raw && raw !== '[]' ? raw.replace(/^"|"$/g, '') : undefined;
    return { ok: true, version, reason: `OVS ${version ?? '(version unknown)'} reachable at ${where}` };
  } catch (e) {
    const msg = e instanceof OvsError ? e.message : String(e);
    return { ok: false, version: undefined, reason: `no OVS database reachable at ${where}: ${msg}` };
  }
}
