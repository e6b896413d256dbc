/**
 * Converges one pool's HAProxy to a model: start it when it is not running,
 * reload (seamlessly) when the structure changed, use the runtime API when
 * only weights or admin states changed, and report whatever it found
 * different from what it had left there (drift).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PoolPaths } from '../paths.js';
import { checkAndInstall, ensurePoolDir, installRuntimeEquivalent, readConfig } from './config-file.js';
import type { PoolModel } from './model.js';
import { HaproxyProcess } from './process.js';
import { hashText, renderConfig, structuralKey } from './render.js';
import { runtimeChanges, syncRuntime } from './runtime.js';
import { socketCommand } from './socket.js';
import { parseShowStat, type StatRow } from './stats.js';

export interface Finding {
  kind: string;
  detail: string;
}

export interface ConvergeResult {
  action: 'none' | 'runtime' | 'reload' | 'start';
  drift: Finding[];
}

/** What the agent last did to this pool's files and process, kept beside them so a restarted agent knows. */
interface Ledger {
  writtenHash?: string;
  loadedKey?: string;
}

export class PoolHaproxy {
  private readonly proc: HaproxyProcess;
  private readonly ledgerPath: string;
  private verifiedPid: number | undefined;

  constructor(
    readonly paths: PoolPaths,
    readonly netns: string | undefined,
  ) {
    this.proc = new HaproxyProcess(paths, netns);
    this.ledgerPath = path.join(paths.dir, 'ledger.json');
  }

  private ledger(): Ledger {
    try {
      return JSON.parse(readFileSync(this.ledgerPath, 'utf8')) as Ledger;
    } catch {
      return {};
    }
  }

  private saveLedger(l: Ledger): void {
    writeFileSync(this.ledgerPath, JSON.stringify(l), { mode: 0o600 });
  }

  running(): boolean {
    return this.proc.masterPid() !== undefined;
  }

  /**
   * The watchdog's cheap check (every 500 ms for every pool): the master pid
   * last verified by running() is still a live process (one /proc read instead
   * of pid file + stat + cmdline). The audit verifies all of it every pass.
   */
  alive(): boolean {
    this.verifiedPid ??= this.proc.masterPid();
    if (this.verifiedPid === undefined) return false;
    try {
      if (!/\) Z /.test(readFileSync(`/proc/${this.verifiedPid}/stat`, 'utf8'))) return true;
    } catch {
      // gone
    }
    this.verifiedPid = undefined;
    return this.running();
  }

  async converge(m: PoolModel): Promise<ConvergeResult> {
    ensurePoolDir(this.paths);
    const renderPaths = { adminSocket: this.paths.adminSocket, serverState: this.paths.serverState };
    const text = renderConfig(m, renderPaths);
    const key = structuralKey(m, renderPaths);
    const ledger = this.ledger();
    const drift: Finding[] = [];
    const onDisk = readConfig(this.paths);
    const known = ledger.writtenHash !== undefined;

    if (known && onDisk !== undefined && hashText(onDisk) !== ledger.writtenHash) {
      drift.push({ kind: 'config_modified', detail: `${this.paths.config} was changed outside the agent; restored` });
    } else if (known && onDisk === undefined) {
      drift.push({ kind: 'config_missing', detail: `${this.paths.config} was deleted; restored` });
    }

    if (!this.running()) {
      if (known) drift.push({ kind: 'haproxy_not_running', detail: 'HAProxy of this pool was not running; started' });
      await checkAndInstall(this.paths, text);
      this.saveLedger({ writtenHash: hashText(text) });
      await this.proc.start();
      this.saveLedger({ writtenHash: hashText(text), loadedKey: key });
      return { action: 'start', drift };
    }

    if (ledger.loadedKey !== key) {
      // Runtime values first, so the state saved for the reload already has them.
      await syncRuntime(this.paths.adminSocket, m).catch(() => undefined);
      await checkAndInstall(this.paths, text);
      this.saveLedger({ ...ledger, writtenHash: hashText(text) });
      await this.proc.reload();
      this.saveLedger({ writtenHash: hashText(text), loadedKey: key });
      await syncRuntime(this.paths.adminSocket, m);
      return { action: 'reload', drift };
    }

    const desiredAlreadyWritten = onDisk !== undefined && hashText(onDisk) === hashText(text);
    const changes = await syncRuntime(this.paths.adminSocket, m);
    if (changes.length && desiredAlreadyWritten && drift.length === 0) {
      drift.push({ kind: 'runtime_state_changed', detail: `reverted outside changes: ${changes.map((c) => c.command).join('; ')}` });
    }
    if (onDisk !== text) {
      installRuntimeEquivalent(this.paths, text);
      this.saveLedger({ ...ledger, writtenHash: hashText(text) });
    }
    return { action: changes.length ? 'runtime' : 'none', drift };
  }

  /**
   * Why converge() would do something, without doing it: not running, config
   * file changed or missing, not the desired config, runtime values off.
   * [] = in sync. Files, /proc and one stats-socket command; no process.
   */
  async outOfSync(m: PoolModel): Promise<string[]> {
    if (!this.running()) return ['HAProxy not running'];
    const renderPaths = { adminSocket: this.paths.adminSocket, serverState: this.paths.serverState };
    const ledger = this.ledger();
    const onDisk = readConfig(this.paths);
    if (onDisk === undefined || hashText(onDisk) !== ledger.writtenHash) return ['config file changed or missing'];
    if (ledger.loadedKey !== structuralKey(m, renderPaths) || hashText(renderConfig(m, renderPaths)) !== ledger.writtenHash) return ['config differs from the desired one'];
    const changes = await runtimeChanges(this.paths.adminSocket, m).catch((e: unknown) => [{ server: '', command: `stats socket: ${String(e)}` }]);
    return changes.map((c) => `runtime: ${c.command}`);
  }

  /** Master pid when running (a process inside the pool's namespace). */
  masterPid(): number | undefined {
    return this.proc.masterPid();
  }

  async stats(): Promise<StatRow[]> {
    return parseShowStat(await socketCommand(this.paths.adminSocket, 'show stat'));
  }

  /** Stop the process, keeping its files (it is started again by the next converge). */
  async stop(): Promise<void> {
    await this.proc.stop();
  }

  /** Stop the process and remove the pool's files. */
  async teardown(): Promise<void> {
    await this.proc.stop();
    if (existsSync(this.paths.dir)) rmSync(this.paths.dir, { recursive: true, force: true });
  }
}
