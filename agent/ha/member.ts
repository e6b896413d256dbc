/**
 * One agent's side of an ACTIVE_STANDBY pool: the namespace with this
 * agent's own VRRP address (the VIP left to keepalived), a warm HAProxy that
 * binds the VIP already (ip_nonlocal_bind) and answers keepalived's health
 * check, and keepalived itself. Level-based and safe to repeat, like the
 * reconciler's run for a SINGLE pool; the reconciler calls it instead of the
 * plain plug + HAProxy when the pool's topology is ACTIVE_STANDBY.
 */
import { existsSync } from 'node:fs';
import type { Network } from '../../schema/network.js';
import type { Driver, PlumbingDrift } from '../drivers/driver.js';
import { PoolHaproxy } from '../haproxy/manager.js';
import type { PoolModel } from '../haproxy/model.js';
import { PoolKeepalived } from '../keepalived/manager.js';
import type { RoleChange, RoleRecord } from '../keepalived/role.js';
import { HEALTH_PORT, HEALTH_URI } from '../keepalived/script.js';
import { prefixOf } from '../netns/l3.js';
import type { GarpSender } from '../netns/garp.js';
import type { Paths } from '../paths.js';
import { priorityOf, type HaAssignment } from './assignment.js';
import { HaError } from './errors.js';

export interface HaConvergeResult {
  netns: string;
  portId: string | null;
  /** keepalived's interface: the device inside the namespace with the addresses. */
  device: string;
  drift: PlumbingDrift[];
  role: RoleRecord;
  haproxy: 'none' | 'runtime' | 'reload' | 'start';
  keepalived: 'none' | 'reload' | 'start';
}

export class HaPoolMember {
  private readonly keepaliveds = new Map<string, PoolKeepalived>();

  constructor(
    private readonly driver: Driver,
    private readonly paths: Paths,
    readonly agentId: string,
    private readonly onRoleChange: (poolId: string, c: RoleChange) => void = () => undefined,
    private readonly garp?: GarpSender,
  ) {}

  async converge(model: PoolModel, network: Network, a: HaAssignment): Promise<HaConvergeResult> {
    const index = a.agents.findIndex((s) => s.agentId === this.agentId);
    if (index < 0) throw new HaError('HA_NOT_ASSIGNED', `pool ${model.poolId} is not assigned to agent ${this.agentId}`);
    const self = a.agents[index]!;
    const peers = a.agents.filter((_, i) => i !== index).map((s) => s.vrrpAddress);
    if (peers.length === 0) throw new HaError('HA_NO_PEER', `pool ${model.poolId}: ACTIVE_STANDBY needs a peer agent`);

    const pp = this.paths.pool(model.poolId);
    const fresh = !existsSync(pp.dir);
    const plug = await this.driver.plug(
      { poolId: model.poolId, vipId: model.vip.id, network, address: model.vip.address, vrrp: { address: self.vrrpAddress } },
      fresh,
    );
    if (!plug.netns || !plug.device) throw new HaError('HA_NEEDS_NETNS', `driver ${this.driver.info.name} cannot host ACTIVE_STANDBY pools (no namespace)`);
    const hap = new PoolHaproxy(pp, plug.netns);
    const ka = this.keepalivedOf(model.poolId, plug.netns);
    // Processes in a namespace deleted by hand live on in it, unreachable: replace them.
    const movedNs = plug.drift.some((d) => d.kind === 'namespace_missing');
    if (movedNs) {
      await ka.stop();
      await hap.stop();
    }
    const h = await hap.converge({ ...model, health: { port: HEALTH_PORT, uri: HEALTH_URI } });
    const k = await ka.converge({
      poolId: model.poolId,
      agentId: this.agentId,
      vrid: a.vrid,
      interface: plug.device,
      selfAddress: self.vrrpAddress,
      peers,
      vip: model.vip.address,
      prefix: prefixOf(network.cidr),
      priority: priorityOf(index),
      ...(a.advertInt !== undefined ? { advertInt: a.advertInt } : {}),
      ...(a.preempt !== undefined ? { preempt: a.preempt } : {}),
    });
    const quiet = movedNs ? new Set(['haproxy_not_running', 'keepalived_not_running']) : new Set<string>();
    const drift = [...plug.drift, ...[...h.drift, ...k.drift].filter((d) => !quiet.has(d.kind)).map((d) => ({ ...d, repaired: true }))];
    return { netns: plug.netns, portId: plug.portId, device: plug.device, drift, role: k.role, haproxy: h.action, keepalived: k.action };
  }

  role(poolId: string): RoleRecord | undefined {
    return this.keepaliveds.get(poolId)?.role;
  }

  /** The pool's keepalived (pids, running) once converged. */
  keepalived(poolId: string): PoolKeepalived | undefined {
    return this.keepaliveds.get(poolId);
  }

  /** Stop keepalived first (the master hands over at once), then HAProxy, then remove the plumbing. */
  async teardown(poolId: string): Promise<void> {
    const netns = this.driver.netnsOf(poolId);
    const pp = this.paths.pool(poolId);
    if (netns) await (this.keepaliveds.get(poolId) ?? new PoolKeepalived(pp.keepalived, netns, this.paths.scriptsDir)).stop();
    this.keepaliveds.delete(poolId);
    await new PoolHaproxy(pp, netns).teardown();
    if ((await this.driver.listOwned()).includes(poolId)) await this.driver.unplug(poolId);
  }

  /** Agent shutdown: stop reading FIFOs, leave every process serving. */
  detach(): void {
    for (const k of this.keepaliveds.values()) k.detach();
  }

  private keepalivedOf(poolId: string, netns: string): PoolKeepalived {
    let k = this.keepaliveds.get(poolId);
    if (!k || k.netns !== netns) {
      k?.detach();
      k = new PoolKeepalived(this.paths.pool(poolId).keepalived, netns, this.paths.scriptsDir, this.garp, (c) => this.onRoleChange(poolId, c));
      this.keepaliveds.set(poolId, k);
    }
    return k;
  }
}
