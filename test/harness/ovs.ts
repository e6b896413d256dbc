/**
 * Open vSwitch for tests: the system OVS when one is running, else a private
 * one (own database file, run directory, pid files, sockets) that this harness
 * starts and stops. Test bridges get unique names (`lbt<hex>`) and are removed
 * in teardowns that run even when a test fails.
 *
 *   import test from 'ava';
 *   import { useTestOvs } from '../../../test/harness/ovs.js';
 *   const ovs = useTestOvs(test);          // registers test.after.always
 *   test('x', async (t) => {
 *     const br = await ovs.bridge(t);      // removed by t.teardown
 *     new NetnsDriver({ ..., ovsDb: br.db, networks: [{ ..., bridge: br.name }] });
 *   });
 *
 * Why one shared private OVS per host and not one per test process: with the
 * userspace datapath every ovs-vswitchd creates a host-wide tap called
 * `ovs-netdev`; a second vswitchd cannot open its datapath and no bridge of
 * it comes up. So the first test process starts it under a lock, later ones
 * join (a file per process under users/), and the last one to leave stops
 * it — by the pids in its pid files, after checking the pid still is that
 * daemon. A process killed without cleanup is noticed by pid and its
 * bridges are swept by the next process that acquires the OVS.
 *
 * Environment: LBAAS_TEST_OVS_DB=<socket> uses that database instead;
 * LBAAS_TEST_OVS_DIR moves the private OVS (default /run/lbaas-test-ovs).
 */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ExecutionContext, TestFn } from 'ava';
import { run } from '../../agent/exec/run.js';

const DIR = process.env.LBAAS_TEST_OVS_DIR ?? '/run/lbaas-test-ovs';
const LOCK = `${DIR}.lock`;
const SOCK = path.join(DIR, 'db.sock');
const SCHEMA = '/usr/share/openvswitch/vswitch.ovsschema';
const SYSTEM_VSWITCHD_PID = '/var/run/openvswitch/ovs-vswitchd.pid';
/** Marks test bridges and ports with the pid of the test process that made them. */
export const TEST_PID_KEY = 'lbaas-test-pid';

/** Lock polls: starting OVS under the lock takes ~1 s; 200 × 50 ms leaves room for a slow CI box. */
const LOCK_ATTEMPTS = 200;
const LOCK_POLL_MS = 50;
/** After SIGTERM, how long (in polls of 50 ms) a daemon gets before SIGKILL. */
const STOP_POLLS = 40;

export interface TestOvs {
  /** Socket to pass as the driver's `ovsDb`; undefined = the system default database. */
  db: string | undefined;
  kind: 'system' | 'private' | 'env';
  /** ovs-vsctl against this OVS (argv, no shell). */
  vsctl(args: readonly string[]): Promise<string>;
}

export interface TestBridge {
  name: string;
  /** Same as TestOvs.db, for convenience. */
  db: string | undefined;
  ovs: TestOvs;
  datapath: 'netdev' | 'system';
  remove(): Promise<void>;
}

function vsctlFor(db: string | undefined) {
  return async (args: readonly string[]): Promise<string> =>
    (await run('ovs-vsctl', ['--timeout=10', ...(db ? [`--db=unix:${db}`] : []), ...args])).stdout;
}

/** Live and not a zombie (detached daemons may be reparented to an init that never reaps). */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

function pidIs(pid: number, comm: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm && pidAlive(pid);
  } catch {
    return false;
  }
}

async function readPid(file: string): Promise<number | undefined> {
  const n = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** A lock directory older than this is stale even without a readable pid (its holder died mid-mkdir). */
const LOCK_STALE_MS = 30_000;

async function takeLock(): Promise<void> {
  for (let i = 0; i < LOCK_ATTEMPTS; i++) {
    try {
      await mkdir(LOCK);
      await writeFile(path.join(LOCK, 'pid'), String(process.pid));
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await readPid(path.join(LOCK, 'pid'));
    const age = Date.now() - ((await stat(LOCK).catch(() => undefined))?.mtimeMs ?? Date.now());
    if ((holder !== undefined && !pidAlive(holder)) || (holder === undefined && age > LOCK_STALE_MS)) {
      await rm(LOCK, { recursive: true, force: true });
      continue;
    }
    await sleep(LOCK_POLL_MS);
  }
  throw new Error(`could not take ${LOCK} within ${(LOCK_ATTEMPTS * LOCK_POLL_MS) / 1000} s`);
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  await takeLock();
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

async function systemOvsUsable(): Promise<boolean> {
  const pid = await readPid(SYSTEM_VSWITCHD_PID);
  if (pid === undefined || !pidIs(pid, 'ovs-vswitchd')) return false;
  const r = await run('ovs-vsctl', ['--timeout=2', 'show'], { reject: false }).catch(() => undefined);
  return r?.exitCode === 0;
}

async function privateRunning(): Promise<boolean> {
  const db = await readPid(path.join(DIR, 'ovsdb-server.pid'));
  const sw = await readPid(path.join(DIR, 'ovs-vswitchd.pid'));
  if (db === undefined || sw === undefined || !pidIs(db, 'ovsdb-server') || !pidIs(sw, 'ovs-vswitchd')) return false;
  const r = await run('ovs-vsctl', ['--timeout=2', `--db=unix:${SOCK}`, 'show'], { reject: false }).catch(() => undefined);
  return r?.exitCode === 0;
}

const ovsEnv = { OVS_RUNDIR: DIR, OVS_LOGDIR: DIR, OVS_DBDIR: DIR };

async function startPrivate(): Promise<void> {
  await stopPrivate(); // a half-dead earlier instance of ours
  await rm(DIR, { recursive: true, force: true });
  await mkdir(path.join(DIR, 'users'), { recursive: true, mode: 0o700 });
  const db = path.join(DIR, 'conf.db');
  await run('ovsdb-tool', ['create', db, SCHEMA]);
  await run(
    'ovsdb-server',
    [db, `--remote=punix:${SOCK}`, `--pidfile=${path.join(DIR, 'ovsdb-server.pid')}`, `--unixctl=${path.join(DIR, 'ovsdb-server.ctl')}`,
      `--log-file=${path.join(DIR, 'ovsdb-server.log')}`, '--detach'],
    { env: ovsEnv },
  );
  await run('ovs-vsctl', ['--timeout=10', `--db=unix:${SOCK}`, '--no-wait', 'init']);
  await run(
    'ovs-vswitchd',
    [`unix:${SOCK}`, `--pidfile=${path.join(DIR, 'ovs-vswitchd.pid')}`, `--unixctl=${path.join(DIR, 'ovs-vswitchd.ctl')}`,
      `--log-file=${path.join(DIR, 'ovs-vswitchd.log')}`, '--detach'],
    { env: ovsEnv },
  );
}

async function stopDaemon(pidFile: string, comm: string, graceful?: string[]): Promise<void> {
  const pid = await readPid(pidFile);
  if (pid === undefined || !pidIs(pid, comm)) return;
  if (graceful) await run('ovs-appctl', graceful, { reject: false, timeoutMs: 5_000 }).catch(() => undefined);
  for (let i = 0; i < STOP_POLLS && pidAlive(pid); i++) {
    if (i === 0 && pidIs(pid, comm)) process.kill(pid, 'SIGTERM');
    await sleep(50);
  }
  if (pidIs(pid, comm)) process.kill(pid, 'SIGKILL');
}

async function stopPrivate(): Promise<void> {
  // `exit --cleanup` also deletes the datapath (the host-wide ovs-netdev tap).
  await stopDaemon(path.join(DIR, 'ovs-vswitchd.pid'), 'ovs-vswitchd', ['-t', path.join(DIR, 'ovs-vswitchd.ctl'), 'exit', '--cleanup']);
  await stopDaemon(path.join(DIR, 'ovsdb-server.pid'), 'ovsdb-server', ['-t', path.join(DIR, 'ovsdb-server.ctl'), 'exit']);
}

/** Remove bridges left by test processes that died without their teardown. */
async function sweepDeadBridges(ovs: TestOvs): Promise<void> {
  const out = await ovs.vsctl(['--format=json', '--columns=name,external_ids', 'list', 'Bridge']);
  const rows = (JSON.parse(out) as { data: [string, ['map', [string, string][]]][] }).data;
  for (const [name, [, ids]] of rows) {
    const pid = Number(ids.find(([k]) => k === TEST_PID_KEY)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && !pidAlive(pid)) await ovs.vsctl(['--if-exists', 'del-br', name]);
  }
}

let acquired: Promise<TestOvs> | undefined;

/** The OVS of this test process (started or joined once per process). */
export function acquireOvs(): Promise<TestOvs> {
  acquired ??= (async () => {
    const env = process.env.LBAAS_TEST_OVS_DB;
    let ovs: TestOvs;
    if (env) ovs = { db: env, kind: 'env', vsctl: vsctlFor(env) };
    else if (await systemOvsUsable()) ovs = { db: undefined, kind: 'system', vsctl: vsctlFor(undefined) };
    else {
      await withLock(async () => {
        if (!(await privateRunning())) await startPrivate();
        await writeFile(path.join(DIR, 'users', String(process.pid)), '');
      });
      ovs = { db: SOCK, kind: 'private', vsctl: vsctlFor(SOCK) };
    }
    await sweepDeadBridges(ovs);
    return ovs;
  })();
  return acquired;
}

/** Leave the OVS; the last live user of a private OVS stops it and removes its directory. */
export async function releaseOvs(): Promise<void> {
  if (!acquired) return;
  const ovs = await acquired.catch(() => undefined);
  acquired = undefined;
  if (ovs?.kind !== 'private') return;
  await withLock(async () => {
    await rm(path.join(DIR, 'users', String(process.pid)), { force: true });
    const users = (await readdir(path.join(DIR, 'users')).catch(() => [] as string[])).filter((u) => pidAlive(Number(u)));
    if (users.length > 0) return;
    await stopPrivate();
    await rm(DIR, { recursive: true, force: true });
  });
}

/** A bridge with a unique name on the test OVS (netdev unless LBAAS_TEST_DATAPATH=system). */
export async function createTestBridge(ovs: TestOvs): Promise<TestBridge> {
  const name = `lbt${randomBytes(4).toString('hex')}`;
  const datapath = process.env.LBAAS_TEST_DATAPATH === 'system' ? 'system' : 'netdev';
  await ovs.vsctl(['add-br', name, '--', 'set', 'Bridge', name, `datapath_type=${datapath}`, `external_ids:${TEST_PID_KEY}=${process.pid}`]);
  return {
    name,
    db: ovs.db,
    ovs,
    datapath,
    remove: async () => {
      await ovs.vsctl(['--if-exists', 'del-br', name]);
    },
  };
}

export interface OvsFixture {
  ovs(): Promise<TestOvs>;
  /** A fresh bridge for this test, removed in its teardown (which runs even when the test fails). */
  bridge(t: ExecutionContext): Promise<TestBridge>;
}

export interface OvsFixtureOptions {
  /**
   * Things that must be gone once every test of the file has finished (e.g.
   * hosts.ts `hostLeftovers`); checked, together with this process's bridges,
   * before the OVS is released.
   */
  leftovers?: () => Promise<string[]>;
}

/**
 * Wire the harness into an ava test file. One `after.always` hook checks for
 * leftovers and then releases the OVS: ava runs hooks of one kind
 * concurrently, so a separate check hook could re-acquire a released OVS.
 */
export function useTestOvs(test: TestFn, opts: OvsFixtureOptions = {}): OvsFixture {
  test.after.always('nothing left behind; release the test OVS', async (t) => {
    try {
      const left = [...((await opts.leftovers?.()) ?? [])];
      const ovs = acquired ? await acquired.catch(() => undefined) : undefined;
      if (ovs) left.push(...(await bridgesOfThisProcess(ovs)).map((b) => `bridge ${b}`));
      t.deepEqual(left, [], 'left behind');
    } finally {
      await releaseOvs();
    }
  });
  return {
    ovs: acquireOvs,
    bridge: async (t) => {
      const br = await createTestBridge(await acquireOvs());
      t.teardown(br.remove);
      return br;
    },
  };
}

/** Bridges still present that this process created (for leftover checks). */
export async function bridgesOfThisProcess(ovs: TestOvs): Promise<string[]> {
  const out = await ovs.vsctl(['--format=json', '--columns=name', 'find', 'Bridge', `external_ids:${TEST_PID_KEY}="${process.pid}"`]);
  return (JSON.parse(out) as { data: [string][] }).data.map(([n]) => n);
}
