/**
 * Crash-safe persistence: a snapshot file plus an append-only journal.
 * A record is acknowledged only after it is written and fdatasync'ed; on start
 * the snapshot is loaded, the journal replayed (a torn last line — a write
 * that was never acknowledged — is dropped), and everything compacted into a
 * new snapshot (write, fsync, rename, fsync directory).
 */
import { mkdirSync, openSync, closeSync, fsyncSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** Compact when the journal grows past this many records: keeps restart replay short. */
const COMPACT_AFTER_RECORDS = 5_000;

export class Journal<S, R> {
  private fh: FileHandle | undefined;
  private records = 0;
  private readonly snapshotPath: string;
  private readonly journalPath: string;

  constructor(
    private readonly dir: string,
    private readonly apply: (state: S, record: R) => void,
    private readonly empty: () => S,
    private readonly normalize: (loaded: S) => S = (x) => x,
  ) {
    this.snapshotPath = path.join(dir, 'snapshot.json');
    this.journalPath = path.join(dir, 'journal.ndjson');
  }

  /** Load snapshot + journal, compact, and open the journal for appends. */
  async open(): Promise<S> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const state = existsSync(this.snapshotPath)
      ? this.normalize(JSON.parse(readFileSync(this.snapshotPath, 'utf8')) as S)
      : this.empty();
    if (existsSync(this.journalPath)) {
      const lines = readFileSync(this.journalPath, 'utf8').split('\n');
      for (const line of lines) {
        if (!line.trim()) continue;
        let rec: R;
        try {
          rec = JSON.parse(line) as R;
        } catch {
          break; // torn tail of an unacknowledged write
        }
        this.apply(state, rec);
      }
    }
    this.writeSnapshot(state);
    this.fh = await open(this.journalPath, 'w', 0o600);
    await this.fh.sync();
    this.fsyncDir();
    return state;
  }

  /** Durably append one record. Callers serialize (the store's write lock). */
  async append(record: R): Promise<void> {
    if (!this.fh) throw new Error('journal is not open');
    await this.fh.write(JSON.stringify(record) + '\n');
    await this.fh.datasync();
    this.records++;
  }

  /** Compact once the journal is long; `state` must already include every appended record. */
  async maybeCompact(state: S): Promise<void> {
    if (this.records >= COMPACT_AFTER_RECORDS) await this.compact(state);
  }

  /** Rewrite the snapshot from `state` (which already includes every appended record) and truncate the journal. */
  async compact(state: S): Promise<void> {
    this.writeSnapshot(state);
    await this.fh?.close();
    this.fh = await open(this.journalPath, 'w', 0o600);
    await this.fh.sync();
    this.fsyncDir();
    this.records = 0;
  }

  async close(): Promise<void> {
    await this.fh?.close();
    this.fh = undefined;
  }

  private writeSnapshot(state: S): void {
    const tmp = `${this.snapshotPath}.tmp`;
    writeFileSync(tmp, JSON.stringify(state), { mode: 0o600 });
    const fd = openSync(tmp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, this.snapshotPath);
    this.fsyncDir();
  }

  private fsyncDir(): void {
    const fd = openSync(this.dir, 'r');
    fsyncSync(fd);
    closeSync(fd);
  }
}
