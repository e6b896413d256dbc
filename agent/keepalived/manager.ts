/**
 * Converges one pool's keepalived on this agent, as PoolHaproxy does for
 * HAProxy: config rendered, checked and swapped; the process started when it
 * is not running (adopted, not restarted, when it is), reloaded when the
 * config changed; what it finds different from what it left is drift.
 *
 * The VIP belongs to keepalived, so the only address repairs here are the
 * ones keepalived cannot make: a VIP left on the device by a keepalived that
 * was killed outright (nobody will remove it; the peer already took over), a
 * VIP missing on the master (removed by hand), a VIP on a backup (added by
 * hand: two owners). Those two are acted on only when the role read before
 * and after reading the device is the same and older than ROLE_SETTLED_MS, so
 * a transition in progress is never "repaired".
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeepalivedPaths } from '../paths.js';
import { getLink, type Link } from '../netns/ip.js';
import { addAddress, delAddress, hasAddress } from '../netns/l3.js';
import type { GarpSender } from '../netns/garp.js';
import { checkAndInstallKeepalived, readKeepalivedConfig } from './config-file.js';
import { normalizeVrrp, type VrrpInput, type VrrpModel } from './model.js';
import { KeepalivedProcess } from './process.js';
import { renderKeepalived } from './render.js';
import { ensureFifo, RoleWatcher, type RoleChange, type RoleRecord } from './role.js';
import { HEALTH_PORT, installCheckScript } from './script.js';
import { createHash } from 'node:crypto';

/** A role younger than this may still be settling (VIP added, FIFO line not read yet). */
const ROLE_SETTLED_MS = 2_000;

/** What the caller decides; paths, script and health port are this module's. */
export type PoolVrrpSpec = Omit<VrrpInput, 'checkScript' | 'notifyFifo' | 'healthPort'>;

export interface VrrpFinding {
  kind: string;
  detail: string;
}

export interface KeepalivedConvergeResult {
  action: 'none' | 'reload' | 'start';
  drift: VrrpFinding[];
  role: RoleRecord;
}

const hash = (s: string) => createHash('sha256').update(s).digest('hex');

export class PoolKeepalived {
  private readonly proc: KeepalivedProcess;
  private readonly ledgerPath: string;
  private watcher: RoleWatcher | undefined;

  constructor(
    readonly paths: KeepalivedPaths,
    readonly netns: string,
    private readonly scriptsDir: string,
    private readonly garp?: GarpSender,
    private readonly onRoleChange: (c: RoleChange) => void = () => undefined,
  ) {
    this.proc = new KeepalivedProcess(paths, netns);
    this.ledgerPath = path.join(path.dirname(paths.config), 'keepalived-ledger.json');
  }

  running(): boolean {
    return this.proc.running();
  }

  get role(): RoleRecord {
    return this.running() ? (this.watcher?.current ?? { role: 'UNKNOWN', since: new Date().toISOString() }) : { role: 'UNKNOWN', since: new Date().toISOString() };
  }

  /** Pids (parent, VRRP child) for supervision and tests. */
  pids(): { parent: number | undefined; vrrp: number | undefined } {
    return { parent: this.proc.parentPid(), vrrp: this.proc.vrrpPid() };
  }

  model(spec: PoolVrrpSpec): VrrpModel {
    const checkScript = installCheckScript(this.scriptsDir);
    return normalizeVrrp({ ...spec, checkScript, notifyFifo: this.paths.notifyFifo, healthPort: HEALTH_PORT });
  }

  async converge(spec: PoolVrrpSpec): Promise<KeepalivedConvergeResult> {
    const m = this.model(spec);
    const text = renderKeepalived(m);
    const drift: VrrpFinding[] = [];
    const written = this.writtenHash();
    const onDisk = readKeepalivedConfig(this.paths);
    if (written !== undefined && onDisk !== undefined && hash(onDisk) !== written) {
      drift.push({ kind: 'keepalived_config_modified', detail: `${this.paths.config} was changed outside the agent; restored` });
    } else if (written !== undefined && onDisk === undefined) {
      drift.push({ kind: 'keepalived_config_missing', detail: `${this.paths.config} was deleted; restored` });
    }
    await ensureFifo(this.paths);
    this.watch(m.instance);

    let action: KeepalivedConvergeResult['action'] = 'none';
    if (!this.running()) {
      if (written !== undefined) drift.push({ kind: 'keepalived_not_running', detail: 'keepalived of this pool was not running; started' });
      // Killed outright, it left the VIP behind: the peer has it now.
      const link = await getLink(this.netns, m.interface);
      if (link && hasAddress(link, m.vip, m.prefix)) {
        await delAddress(this.netns, m.interface, `${m.vip}/${m.prefix}`);
        drift.push({ kind: 'vip_stale', detail: `${m.vip} was left on ${m.interface} by a dead keepalived; removed` });
      }
      this.watcher!.observe('UNKNOWN');
      await checkAndInstallKeepalived(this.paths, this.netns, text);
      this.saveWrittenHash(hash(text));
      await this.proc.start();
      action = 'start';
    } else {
      if (onDisk !== text) {
        await checkAndInstallKeepalived(this.paths, this.netns, text);
        this.saveWrittenHash(hash(text));
        this.proc.reload();
        action = 'reload';
      }
      drift.push(...(await this.checkVip(m)));
    }
    return { action, drift, role: this.role };
  }

  /** VIP presence against the role (see the file comment for why it waits for a settled role). */
  private async checkVip(m: VrrpModel): Promise<VrrpFinding[]> {
    const before = this.watcher!.current;
    if (Date.now() - Date.parse(before.since) < ROLE_SETTLED_MS) return [];
    const link: Link | undefined = await getLink(this.netns, m.interface);
    const after = this.watcher!.current;
    if (!link || after.since !== before.since || after.role !== before.role) return [];
    const has = hasAddress(link, m.vip, m.prefix);
    if (after.role === 'MASTER' && !has) {
      await addAddress(this.netns, m.interface, m.vip, m.prefix);
      this.garp?.send(m.poolId, this.netns, m.interface, m.vip);
      return [{ kind: 'vip_missing', detail: `${m.vip} was missing on the master's ${m.interface}; added` }];
    }
    if ((after.role === 'BACKUP' || after.role === 'FAULT') && has) {
      await delAddress(this.netns, m.interface, `${m.vip}/${m.prefix}`);
      return [{ kind: 'vip_unexpected', detail: `${m.vip} was on ${m.interface} of a ${after.role}; removed (one owner only)` }];
    }
    return [];
  }

  private watch(instance: string): void {
    this.watcher ??= new RoleWatcher(this.paths, instance, this.onRoleChange);
    this.watcher.start();
  }

  private writtenHash(): string | undefined {
    try {
      return (JSON.parse(readFileSync(this.ledgerPath, 'utf8')) as { writtenHash?: string }).writtenHash;
    } catch {
      return undefined;
    }
  }

  private saveWrittenHash(h: string): void {
    writeFileSync(this.ledgerPath, JSON.stringify({ writtenHash: h }), { mode: 0o600 });
  }

  /** Stop keepalived (the master hands over at once) and stop reading its FIFO; files stay. */
  async stop(): Promise<void> {
    await this.proc.stop();
    this.watcher?.stop();
  }

  /** Stop reading the FIFO, leaving keepalived running (agent shutdown: the data plane keeps serving). */
  detach(): void {
    this.watcher?.stop();
  }

  hasConfig(): boolean {
    return existsSync(this.paths.config);
  }
}
