/**
 * Bad requests against a live load balancer. Each must be refused with a 4xx
 * problem+json that names the field, and leave everything as it was: every
 * stored object (same body, same ETag/revision) and the pool's running HAProxy
 * (same master, no reload, same workers, same haproxy.cfg), which keeps serving.
 */
import anyTest, { type TestFn } from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from '../harness/http.js';
import type { BadCase } from './bad-input/case.js';
import { memberCases } from './bad-input/member-cases.js';
import { monitorCases } from './bad-input/monitor-cases.js';
import { poolCases } from './bad-input/pool-cases.js';
import { protocolCases } from './bad-input/protocol-cases.js';
import { vipCases } from './bad-input/vip-cases.js';
import { startLiveLb, type LiveLb } from './support/live-lb.js';
import { assertProblem, raw, rawWire } from './support/raw.js';
import { dataPlane, storedState, type DataPlane, type StoredState } from './support/snapshot.js';
import { requires } from '../harness/requires.js';

interface Ctx {
  lb: LiveLb;
  state: StoredState;
  plane: DataPlane;
  /** Before the first case: the data plane must end exactly like this. */
  initial: { state: StoredState; plane: DataPlane };
}
const test = requires(anyTest as TestFn<Ctx>, 'haproxy');

const CASES: BadCase[] = [...poolCases, ...memberCases, ...vipCases, ...monitorCases, ...protocolCases];

test.before(async (t) => {
  const lb = await startLiveLb();
  t.context.lb = lb;
  t.context.state = await storedState(lb.agent);
  t.context.plane = await dataPlane(lb.agent.stateDir, lb.poolId);
  t.context.initial = { state: t.context.state, plane: t.context.plane };
});

test.after.always(async (t) => {
  await t.context.lb?.cleanup();
});

test.serial('the table has at least 40 distinct cases', (t) => {
  t.true(CASES.length >= 40);
  t.is(new Set(CASES.map((c) => c.name)).size, CASES.length);
});

for (const c of CASES) {
  test.serial(`${c.method} ${c.name} → ${c.status}`, async (t) => {
    const { lb } = t.context;
    const body = c.body?.(lb);
    const res = c.wire
      ? await rawWire(lb.agent, c.wire)
      : await raw(lb.agent, { method: c.method, path: c.path(lb), body, ...(c.headers ? { headers: c.headers } : {}) });
    const problem = assertProblem(t, res, c.status, c.field);
    if (c.check && problem) {
      const why = c.check(problem, lb);
      t.is(why, undefined, why);
    }

    // Nothing changed: stored state, HAProxy process and config, and traffic still flows.
    const state = await storedState(lb.agent);
    t.deepEqual(state, t.context.state, 'stored state changed');
    const plane = await dataPlane(lb.agent.stateDir, lb.poolId);
    t.deepEqual(plane, t.context.plane, 'HAProxy (master, reloads, workers or config) changed');
    const a = await request(lb.address, lb.port);
    t.is(a.status, 200);
    t.true(['b1', 'b2', 'b3'].includes(a.backend ?? ''), `served by ${a.backend}`);
    // Compare the next case with what this one left, so one failure does not fail every later case.
    t.context.state = state;
    t.context.plane = plane;
  });
}

test.serial('after every case and a few audit periods, everything is as before the first case', async (t) => {
  const { lb, initial } = t.context;
  // Anything a refused request might have queued has had time to run (the audit runs every second).
  await sleep(3_000);
  t.deepEqual(await storedState(lb.agent), initial.state);
  t.deepEqual(await dataPlane(lb.agent.stateDir, lb.poolId), initial.plane);
  const served = await Promise.all([0, 1, 2].map(() => request(lb.address, lb.port)));
  t.deepEqual(served.map((a) => a.status), [200, 200, 200]);
});
