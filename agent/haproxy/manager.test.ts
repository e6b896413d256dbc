/**
 * PoolHaproxy.converge against a real HAProxy (no agent): which changes go
 * through the runtime API, which reload, and that repeating a converge is a
 * no-op (level-triggered, no false drift).
 */
import anyTest from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Paths } from '../paths.js';
import { PoolHaproxy } from './manager.js';
import type { PoolModel, ServerModel } from './model.js';
import { parseShowProc } from './process.js';
import { socketCommand } from './socket.js';
import { parseServersState } from './stats.js';
import { requires } from '../../test/harness/requires.js';

const test = requires(anyTest, 'haproxy');

const POOL = '11111111-1111-4111-8111-111111111111';
const S1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const S2 = 'aaaaaaaa-0000-4000-8000-000000000002';

function server(id: string, port: number, o: Partial<ServerModel> = {}): ServerModel {
  return { id, address: '127.0.0.1', port, weight: 1, adminUp: true, backup: false, ...o };
}

type ModelOf = (o?: Partial<PoolModel>) => PoolModel;

/** Models of one test: a random loopback VIP address of its own, so parallel tests never collide on the bind. */
function modelsAt(n = 1 + Math.floor(Math.random() * 65000)): ModelOf {
  return (o = {}) => ({
    poolId: POOL,
    protocol: 'HTTP',
    lbMethod: 'ROUND_ROBIN',
    adminUp: true,
    monitors: [],
    servers: [server(S1, 1), server(S2, 2)],
    vip: { id: '22222222-2222-4222-8222-222222222222', address: `127.101.${n >> 8}.${n & 255 || 1}`, port: 18080, connectionLimit: -1, persistence: null, adminUp: true },
    ...o,
  });
}

async function setup(t: import('ava').ExecutionContext): Promise<{ hap: PoolHaproxy; model: ModelOf }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lbt-manager-'));
  const hap = new PoolHaproxy(new Paths(dir).pool(POOL), undefined);
  t.teardown(async () => {
    await hap.teardown();
    rmSync(dir, { recursive: true, force: true });
  });
  return { hap, model: modelsAt() };
}

async function procs(hap: PoolHaproxy) {
  return parseShowProc(await socketCommand(hap.paths.masterSocket, 'show proc'));
}

async function serverStates(hap: PoolHaproxy) {
  return new Map(parseServersState(await socketCommand(hap.paths.adminSocket, `show servers state ${POOL}`)).map((s) => [s.name, s]));
}

test('weight and member admin state go through the runtime API; a repeat is a no-op', async (t) => {
  const { hap, model } = await setup(t);
  t.is((await hap.converge(model())).action, 'start');
  const before = await procs(hap);
  t.truthy(before?.workers.length);

  const changed = model({ servers: [server(S1, 1, { weight: 7 }), server(S2, 2, { adminUp: false })] });
  const r = await hap.converge(changed);
  t.deepEqual(r, { action: 'runtime', drift: [] });
  const st = await serverStates(hap);
  t.is(st.get(S1)?.weight, 7);
  t.true(st.get(S2)?.maint);
  t.deepEqual(await hap.converge(changed), { action: 'none', drift: [] });
  t.deepEqual(await procs(hap), before, 'no reload, no restart');
});

test('a member disabled in the config and then enabled at runtime stays in sync (no false drift)', async (t) => {
  const { hap, model } = await setup(t);
  // Started with the member admin-down: HAProxy marks it "disabled in the config" (CMAINT) …
  await hap.converge(model({ servers: [server(S1, 1, { adminUp: false }), server(S2, 2)] }));
  // … and keeps that bit after `set server … state ready` while serving again.
  const up = model();
  t.is((await hap.converge(up)).action, 'runtime');
  t.false((await serverStates(hap)).get(S1)?.maint);
  for (let i = 0; i < 3; i++) t.deepEqual(await hap.converge(up), { action: 'none', drift: [] });
});

test('member changes while the pool is admin-down do not fail, and apply when it comes back', async (t) => {
  const { hap, model } = await setup(t);
  await hap.converge(model());
  const master = (await procs(hap))?.masterPid;
  t.is((await hap.converge(model({ adminUp: false }))).action, 'reload');
  // HAProxy refuses `set server` on a disabled backend ("Proxy is disabled.").
  const changed = { servers: [server(S1, 1, { weight: 5 }), server(S2, 2, { adminUp: false })] };
  await t.notThrowsAsync(hap.converge(model({ adminUp: false, ...changed })));
  t.is((await hap.converge(model(changed))).action, 'reload');
  const st = await serverStates(hap);
  t.is(st.get(S1)?.weight, 5);
  t.true(st.get(S2)?.maint);
  t.is((await procs(hap))?.masterPid, master, 'reloads keep the master');
  t.deepEqual(await hap.converge(model(changed)), { action: 'none', drift: [] });
});

test('a structural change reloads seamlessly: same master, new worker, runtime state kept', async (t) => {
  const { hap, model } = await setup(t);
  const m = model({ servers: [server(S1, 1, { weight: 9 }), server(S2, 2)] });
  await hap.converge(m);
  const before = (await procs(hap))!;
  const S3 = 'aaaaaaaa-0000-4000-8000-000000000003';
  const r = await hap.converge({ ...m, servers: [...m.servers, server(S3, 3)] });
  t.is(r.action, 'reload');
  const after = (await procs(hap))!;
  t.is(after.masterPid, before.masterPid);
  t.notDeepEqual(after.workers, before.workers);
  const st = await serverStates(hap);
  t.is(st.get(S1)?.weight, 9);
  t.is(st.get(S3)?.weight, 1);
});
