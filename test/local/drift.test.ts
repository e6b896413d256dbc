/** Drift the audit must find, repair and report — and what it must leave alone. */
import anyTest from 'ava';
import { execa } from 'execa';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAgent } from '../harness/agent.js';
import { startBackends } from '../harness/backends.js';
import { createLb, setupLb } from '../harness/fixtures.js';
import { eventually, request } from '../harness/http.js';
import { freePort } from '../harness/ports.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy', 'socat');

test('a hand-edited haproxy.cfg is restored and reported', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const cfg = path.join(agent.stateDir, 'pools', lb.poolId, 'haproxy.cfg');
  const original = readFileSync(cfg, 'utf8');
  writeFileSync(cfg, original.replace(/weight 1 /g, 'weight 99 ') + '\n# edited by hand\n');
  await eventually(async () => readFileSync(cfg, 'utf8') === original, 10_000);
  const pool = await eventually(async () => {
    const p = await agent.client.get('pool', lb.poolId);
    return p?.drift_events.some((e) => e.kind === 'config_modified') ? p : undefined;
  }, 5_000);
  t.true(pool.drift_events[0]!.repaired);
  t.true(pool.in_sync);
  t.is((await request(lb.address, lb.port)).status, 200);
});

test('a weight changed behind the agent\'s back through the admin socket is reverted and reported', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const sock = path.join(agent.stateDir, 'pools', lb.poolId, 'admin.sock');
  const m = lb.memberIds[0]!;
  await execa('socat', ['-', `UNIX-CONNECT:${sock}`], { input: `set server ${lb.poolId}/${m} weight 7\n` });
  const weightNow = async () => {
    const r = await execa('socat', ['-', `UNIX-CONNECT:${sock}`], { input: `show servers state ${lb.poolId}\n` });
    const line = r.stdout.split('\n').find((l) => l.includes(m));
    return Number(line?.trim().split(/\s+/)[7]);
  };
  await eventually(async () => (await weightNow()) === 1, 10_000);
  const member = await eventually(async () => {
    const x = await agent.client.get('pool', lb.poolId);
    return x?.drift_events.some((e) => e.kind === 'runtime_state_changed') ? x : undefined;
  }, 5_000);
  t.truthy(member);
});

test('on start the agent removes HAProxy processes of pools it no longer has, and nothing else', async (t) => {
  const agent = await startAgent();
  const backends = await startBackends(1);
  // A HAProxy the agent did not start: it must survive.
  const foreignDir = mkdtempSync(path.join(tmpdir(), 'lbt-foreign-'));
  const foreignPort = await freePort();
  writeFileSync(
    path.join(foreignDir, 'h.cfg'),
    `global\n    master-worker\ndefaults\n    mode tcp\n    timeout connect 1s\n    timeout client 5s\n    timeout server 5s\nlisten x\n    bind 127.0.0.1:${foreignPort}\n    server s 127.0.0.1:${backends[0]!.port}\n`,
  );
  await execa('haproxy', ['-W', '-D', '-f', path.join(foreignDir, 'h.cfg'), '-p', path.join(foreignDir, 'pid')]);
  const foreignPid = Number(readFileSync(path.join(foreignDir, 'pid'), 'utf8'));
  t.teardown(async () => {
    try {
      process.kill(foreignPid, 'SIGTERM');
    } catch {
      // gone
    }
    rmSync(foreignDir, { recursive: true, force: true });
    await agent.cleanup();
    await Promise.all(backends.map((b) => b.close()));
  });
  const lb = await createLb(agent.client, backends);
  const orphanPid = agent.haproxyPid(lb.poolId)!;
  await agent.kill9();
  // Desired state lost (as if restored from an old backup): the pool's HAProxy is now an orphan we own.
  rmSync(path.join(agent.stateDir, 'store'), { recursive: true, force: true });
  await agent.start();
  await eventually(async () => !existsSync(`/proc/${orphanPid}`) || readFileSync(`/proc/${orphanPid}/stat`, 'utf8').includes(') Z '), 10_000);
  // The process goes first, then its files.
  await eventually(async () => !existsSync(path.join(agent.stateDir, 'pools', lb.poolId)), 10_000);
  t.true(existsSync(`/proc/${foreignPid}`));
  t.is((await request('127.0.0.1', foreignPort)).status, 200);
});
