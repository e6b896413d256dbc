/**
 * The production data-plane driver: one network namespace per pool
 * (`qlbaas-<pool_id>`), its VIP on a port of an Open vSwitch bridge, as
 * Neutron LBaaS v1's HaproxyNSDriver. This file only wires; each concern
 * lives in its own file beside it.
 */
import type { Driver, DriverInfo, HostView, PlugResult, PlugSpec } from '../driver.js';
import type { Network } from '../../../schema/network.js';
import { ensureBridge, type BridgeInfo } from '../../ovs/bridge.js';
import { isOvsError } from '../../ovs/errors.js';
import { detectDatapath, type DatapathChoice } from '../../ovs/datapath.js';
import { ovsReachable } from '../../ovs/db.js';
import { validateTarget, type OvsTarget } from '../../ovs/vsctl.js';
import { GarpSender } from '../../netns/garp.js';
import { inspectPool, type PoolPlumbingReport } from '../../netns/inspect.js';
import { nsName } from '../../netns/names.js';
import { NetnsDriverError } from './errors.js';
import { normalizeOptions, type NetnsDriverOptions, type NormalizedOptions } from './options.js';
import { listOwnedPools } from './owned.js';
import { OwnedNamespaces } from './owned-view.js';
import { readHostView, type NetnsHostView } from './host-view.js';
import { plumbingDiff as diffPlumbing } from './check.js';
import { readProcNet } from '../../netns/proc-net.js';
import { plugPool } from './plug.js';
import { effectivePortType } from './port-type.js';
import { unplugPool } from './unplug.js';

export { netnsPossible } from './possible.js';
export { NetnsDriverError } from './errors.js';
export type { NetnsDriverErrorCode } from './errors.js';
export type { NetnsDriverOptions } from './options.js';
export type { PoolPlumbingReport } from '../../netns/inspect.js';

export class NetnsDriver implements Driver {
  readonly networks: readonly Network[];
  private readonly opts: NormalizedOptions;
  private readonly ovs: OvsTarget;
  private readonly garp: GarpSender;
  private readonly bridges = new Map<string, BridgeInfo>();
  private datapath: DatapathChoice | undefined;
  private startReason = 'not started';
  private readonly ownedNs: OwnedNamespaces;

  constructor(options: NetnsDriverOptions) {
    this.opts = normalizeOptions(options);
    this.networks = this.opts.networks;
    this.ovs = validateTarget({ db: this.opts.ovsDb });
    this.garp = new GarpSender(this.opts.onGarpError);
    this.ownedNs = new OwnedNamespaces({ owner: this.opts.owner, stateDir: this.opts.stateDir, names: this.opts.names });
  }

  get info(): DriverInfo {
    return { name: 'netns', datapath: this.datapath?.datapath ?? null, reason: this.startReason };
  }

  /** Check OVS, choose the datapath, make sure every configured bridge exists. */
  async start(): Promise<void> {
    const db = await ovsReachable(this.ovs);
    if (!db.ok) throw new NetnsDriverError('NETNS_DRIVER_OVS_UNREACHABLE', db.reason);
    this.datapath = this.opts.datapath
      ? { datapath: this.opts.datapath, reason: 'configured' }
      : await detectDatapath(this.ovs, this.opts.owner);
    const notes: string[] = [];
    for (const net of this.networks) {
      const b = await this.bridge(net.bridge);
      const { type, why } = effectivePortType(net, b.datapath);
      notes.push(`${net.name}: bridge ${b.name} (${b.datapath}${b.owner === this.opts.owner ? ', ours' : ''}), ${type} ports (${why})`);
    }
    const why = this.opts.selectedBecause ? [this.opts.selectedBecause] : [];
    this.startReason = [...why, `netns: ${db.reason}`, `datapath ${this.datapath.datapath} (${this.datapath.reason})`, ...notes].join('; ');
  }

  async plug(spec: PlugSpec, fresh: boolean): Promise<PlugResult> {
    const name = spec.network.bridge;
    const deps = { ovs: this.ovs, owner: this.opts.owner, stateDir: this.opts.stateDir, garp: this.garp, names: this.opts.names };
    try {
      return await plugPool(spec, fresh, { ...deps, bridge: await this.bridge(name) });
    } catch (e) {
      // The bridge was deleted behind our back: create it again (once) and replug.
      if (!isOvsError(e) || !/no bridge named/.test(e.message)) throw e;
      this.bridges.delete(name);
      const r = await plugPool(spec, fresh, { ...deps, bridge: await this.bridge(name) });
      if (!fresh) r.drift.unshift({ kind: 'bridge_missing', detail: `bridge ${name} was missing; created`, repaired: true });
      return r;
    }
  }

  unplug(poolId: string): Promise<void> {
    return unplugPool(poolId, { ovs: this.ovs, owner: this.opts.owner, stateDir: this.opts.stateDir, garp: this.garp, names: this.opts.names });
  }

  listOwned(): Promise<string[]> {
    return listOwnedPools({ ovs: this.ovs, owner: this.opts.owner, stateDir: this.opts.stateDir, names: this.opts.names });
  }

  netnsOf(poolId: string): string | undefined {
    return nsName(poolId, this.opts.names);
  }

  readHost(): Promise<HostView> {
    return readHostView(this.ovs);
  }

  ownedIn(view: HostView): Promise<string[]> {
    return this.ownedNs.owned(view as NetnsHostView);
  }

  async plumbingDiff(spec: PlugSpec, view: HostView, nsPid: number): Promise<string[]> {
    const inside = await readProcNet(nsPid);
    return diffPlumbing(spec, view as NetnsHostView, this.bridges.get(spec.network.bridge), this.opts.owner, inside, this.opts.names);
  }

  /** What exists for a pool (namespace, devices, addresses, routes), for the audit; changes nothing. */
  inspect(poolId: string): Promise<PoolPlumbingReport> {
    return inspectPool(poolId, { owner: this.opts.owner, stateDir: this.opts.stateDir, names: this.opts.names });
  }

  /** Wait for background gratuitous ARPs (agent shutdown, tests). */
  settle(): Promise<void> {
    return this.garp.settle();
  }

  /** The bridge of a network, created (with the chosen datapath) when missing. */
  private async bridge(name: string): Promise<BridgeInfo> {
    const known = this.bridges.get(name);
    if (known) return known;
    if (!this.datapath) throw new NetnsDriverError('NETNS_DRIVER_PLUG_FAILED', 'start() must run before plug()');
    const { bridge } = await ensureBridge(this.ovs, name, { datapath: this.datapath.datapath, owner: this.opts.owner });
    this.bridges.set(name, bridge);
    return bridge;
  }
}
