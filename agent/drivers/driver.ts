/**
 * What a data-plane driver does: give each pool's HAProxy a place to run and
 * put the VIP address where clients reach it. The HAProxy process itself is
 * managed the same way by every driver (agent/haproxy/); a driver only says in
 * which network namespace it runs.
 */
import type { Network } from '../../schema/network.js';

export type DriverName = 'local' | 'netns';

/** Everything a driver needs to plug one pool's VIP. */
export interface PlugSpec {
  poolId: string;
  vipId: string;
  network: Network;
  /** The VIP address. */
  address: string;
  /**
   * ACTIVE_STANDBY: the device gets this agent's own VRRP address instead,
   * and the VIP is left to keepalived (on the master only).
   */
  vrrp?: { address: string };
}

/** Something the driver found different from what it should be (and fixed, when repaired). */
export interface PlumbingDrift {
  kind: string; // namespace_missing, port_missing, address_missing, route_missing, ...
  detail: string;
  repaired: boolean;
}

export interface PlugResult {
  /** Network namespace HAProxy must run in; undefined = the agent's own. */
  netns: string | undefined;
  /** Data-plane port carrying the VIP (OVS port name), null when there is none. */
  portId: string | null;
  /** The device inside the namespace that carries the addresses (keepalived's interface). */
  device?: string;
  /** What had to be (re)created because it was missing or wrong. Empty on a fresh plug. */
  drift: PlumbingDrift[];
}

export interface DriverInfo {
  name: DriverName;
  reason: string;
  datapath: string | null;
}

/** One read of the host for an audit pass; what it holds is the driver's own business. */
export interface HostView {
  /** performance.now() when the read began: a pool reconciled after that is newer than the view. */
  readonly takenAt: number;
}

export interface Driver {
  readonly info: DriverInfo;
  /** Networks VIPs can live on (validated config; `local` has its built-in one). */
  readonly networks: readonly Network[];
  /** Prepare the host (bridges exist, datapath known). Called once at start. */
  start(): Promise<void>;
  /**
   * Make the pool's plumbing match the spec; idempotent and safe to repeat.
   * `fresh` is true the first time for a pool (no drift reported then).
   */
  plug(spec: PlugSpec, fresh: boolean): Promise<PlugResult>;
  /** Remove everything plugged for the pool. Only touches what carries this agent's ownership marker. */
  unplug(poolId: string): Promise<void>;
  /** Pool ids that currently have plumbing owned by this agent (for adoption and orphan removal). */
  listOwned(): Promise<string[]>;
  /** Namespace the pool's HAProxy runs in, without touching the host. */
  netnsOf(poolId: string): string | undefined;
  /**
   * Audit without a process per pool (drivers with plumbing): read the host
   * once per pass, list what is ours from that read, and tell per pool whether
   * its plumbing differs from the spec (reasons; [] = nothing to repair).
   * `nsPid` is a process inside the pool's namespace (its HAProxy master).
   * Without these the audit runs a full plug for every pool.
   */
  readHost?(): Promise<HostView>;
  ownedIn?(view: HostView): Promise<string[]>;
  plumbingDiff?(spec: PlugSpec, view: HostView, nsPid: number): Promise<string[]>;
}
