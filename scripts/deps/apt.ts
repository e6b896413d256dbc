/**
 * apt-get for the installer: which packages are installed, one `apt-get
 * install` for all that are missing, `apt-get update` only when there are no
 * package lists or the install failed with the lists at hand (once).
 * apt-get runs with -qq: its errors stream to our stderr as they happen, dpkg's
 * chatter is kept and shown only when the install fails.
 */
import { readdirSync } from 'node:fs';
import { run } from '../../agent/exec/run.js';

const LISTS_DIR = '/var/lib/apt/lists';
/** Generous: a fresh machine downloads Open vSwitch, HAProxy, etcd, … over a slow mirror. */
const UPDATE_TIMEOUT_MS = 10 * 60_000;
const INSTALL_TIMEOUT_MS = 30 * 60_000;
/** Another apt (unattended-upgrades, a parallel install) may hold the lock for a while. */
const LOCK_TIMEOUT_S = 300;
const ENV = { DEBIAN_FRONTEND: 'noninteractive', NEEDRESTART_MODE: 'a' };

/** The packages of `pkgs` dpkg reports as installed. */
export async function installedPackages(pkgs: readonly string[]): Promise<Set<string>> {
  if (!pkgs.length) return new Set();
  const r = await run('dpkg-query', ['-W', '-f', '${Package}\t${Status}\n', ...pkgs], { reject: false, timeoutMs: 30_000 });
  const out = new Set<string>();
  for (const line of r.stdout.split('\n')) {
    const [name, status] = line.split('\t');
    if (name && status?.endsWith(' installed') && status.startsWith('install ')) out.add(name.split(':')[0]!);
  }
  return out;
}

function haveLists(): boolean {
  try {
    return readdirSync(LISTS_DIR).some((f) => /_Packages(\.\w+)?$/.test(f));
  } catch {
    return false;
  }
}

async function update(say: (m: string) => void): Promise<void> {
  say('apt-get update');
  const r = await run('apt-get', ['-qq', '-o', `DPkg::Lock::Timeout=${LOCK_TIMEOUT_S}`, 'update'], { reject: false, timeoutMs: UPDATE_TIMEOUT_MS, env: ENV, inherit: ['stderr'] });
  if (r.exitCode !== 0) say(`apt-get update failed (exit ${r.exitCode}); trying with the package lists at hand`);
}

async function install(pkgs: readonly string[]): Promise<{ ok: boolean; log: string }> {
  const r = await run('apt-get', ['-y', '-qq', '-o', `DPkg::Lock::Timeout=${LOCK_TIMEOUT_S}`, 'install', ...pkgs], {
    reject: false,
    timeoutMs: INSTALL_TIMEOUT_MS,
    env: ENV,
    inherit: ['stderr'],
  });
  return { ok: r.exitCode === 0, log: r.stdout };
}

/** Install `pkgs` in one apt-get call (two with an update in between if the first fails). True on success. */
export async function aptInstall(pkgs: readonly string[], say: (m: string) => void): Promise<boolean> {
  let updated = false;
  if (!haveLists()) {
    await update(say);
    updated = true;
  }
  say(`apt-get install ${pkgs.join(' ')}`);
  let r = await install(pkgs);
  if (!r.ok && !updated) {
    await update(say);
    say(`apt-get install ${pkgs.join(' ')} (again, with fresh package lists)`);
    r = await install(pkgs);
  }
  if (!r.ok) {
    const tail = r.log.trim().split('\n').slice(-15).join('\n');
    say(`apt-get install failed${tail ? `; its last output:\n${tail}` : ''}`);
  }
  return r.ok;
}
