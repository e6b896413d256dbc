/**
 * A private etcd for tests: one member or a three-member cluster on free
 * loopback ports with temp data dirs, stopped (by pid) and removed when the
 * test is done, even on failure. Members can be stopped and started again to
 * take quorum away and give it back.
 */
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './ports.js';

interface Member {
  name: string;
  client: number;
  peer: number;
  dataDir: string;
  proc?: ResultPromise;
  log: string;
}

export interface EtcdHandle {
  endpoints: string[];
  /** SIGKILL member i (all when omitted); its data stays. */
  stop(i?: number): Promise<void>;
  /** Start member i (all when omitted) again on the same ports and data. */
  start(i?: number): Promise<void>;
  cleanup(): Promise<void>;
  logs(): string;
}

const live = new Set<Member>();
process.once('exit', () => {
  for (const m of live) {
    if (m.proc?.pid) {
      try {
        process.kill(m.proc.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(m.dataDir, { recursive: true, force: true });
  }
});

async function healthy(port: number): Promise<boolean> {
  const r = await execa('etcdctl', ['--endpoints', `http://127.0.0.1:${port}`, '--command-timeout=1s', 'endpoint', 'health'], {
    reject: false,
    env: { ETCDCTL_API: '3' },
  });
  return r.exitCode === 0;
}

export async function startEtcd(members = 1): Promise<EtcdHandle> {
  const ms: Member[] = [];
  const token = `lbt-${process.pid}-${Date.now()}`;
  for (let i = 0; i < members; i++) {
    ms.push({ name: `m${i}`, client: await freePort(), peer: await freePort(), dataDir: mkdtempSync(path.join(tmpdir(), 'lbt-etcd-')), log: '' });
  }
  const initial = ms.map((m) => `${m.name}=http://127.0.0.1:${m.peer}`).join(',');
  const launch = (m: Member, first: boolean) => {
    const args = [
      '--name', m.name,
      '--data-dir', m.dataDir,
      '--listen-client-urls', `http://127.0.0.1:${m.client}`,
      '--advertise-client-urls', `http://127.0.0.1:${m.client}`,
      '--listen-peer-urls', `http://127.0.0.1:${m.peer}`,
      '--initial-advertise-peer-urls', `http://127.0.0.1:${m.peer}`,
      '--initial-cluster', initial,
      '--initial-cluster-token', token,
      '--initial-cluster-state', first ? 'new' : 'existing',
      // Fast elections: tests take quorum away and back.
      '--heartbeat-interval', '50',
      '--election-timeout', '500',
    ];
    m.proc = execa('etcd', args, { reject: false, stdout: 'ignore', stderr: 'pipe' });
    m.proc.stderr?.on('data', (d: Buffer) => (m.log = (m.log + d.toString()).slice(-20_000)));
    live.add(m);
  };
  const pick = (i?: number) => (i === undefined ? ms : [ms[i]!]);
  const waitHealthy = async (list: Member[]) => {
    const deadline = Date.now() + 20_000;
    for (const m of list) {
      while (!(await healthy(m.client))) {
        if (Date.now() > deadline) throw new Error(`etcd ${m.name} did not become healthy: ${m.log.slice(-2000)}`);
        await sleep(100);
      }
    }
  };
  const h: EtcdHandle = {
    endpoints: ms.map((m) => `http://127.0.0.1:${m.client}`),
    async stop(i) {
      for (const m of pick(i)) {
        m.proc?.kill('SIGKILL');
        await m.proc;
        m.proc = undefined;
      }
    },
    async start(i) {
      const list = pick(i).filter((m) => !m.proc);
      for (const m of list) launch(m, false);
      // A lone restarted member of three is not healthy until a second one is back.
      if (i === undefined || ms.filter((m) => m.proc).length * 2 > ms.length) await waitHealthy(list);
    },
    async cleanup() {
      await h.stop();
      for (const m of ms) {
        rmSync(m.dataDir, { recursive: true, force: true });
        live.delete(m);
      }
    },
    logs: () => ms.map((m) => `[${m.name}] ${m.log}`).join('\n'),
  };
  try {
    for (const m of ms) launch(m, true);
    await waitHealthy(ms);
  } catch (err) {
    await h.cleanup();
    throw err;
  }
  return h;
}
