/**
 * The examples with real Terraform, a real agent and real backends: apply →
 * traffic through the VIP reaches the members; a second plan is empty;
 * in-place updates vs replacement; changes and deletions made through the
 * agent API show in the plan and apply restores the HCL; a killed HAProxy
 * shows as drift and apply acknowledges it; destroy leaves nothing behind.
 */
import type { ExecutionContext } from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kind } from '../../../schema/resources.js';
import { distribution, eventually } from '../../harness/http.js';
import { freePort, randomLoopbackVip } from '../../harness/ports.js';
import { type CliName } from '../cli.js';
import { defineSuite, processesMentioning, type Suite } from '../suite.js';
import { actions, exampleDir, type Workdir } from '../workdir.js';

type Obj = Record<string, unknown> & { id: string };

async function counts(s: Suite, kinds: Kind[] = ['pool', 'member', 'vip', 'health_monitor']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const k of kinds) out[k] = (await s.agent.client.list(k)).length;
  return out;
}

function haproxiesOf(s: Suite): number[] {
  return processesMentioning(s.agent.stateDir).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.endsWith('haproxy');
    } catch {
      return false;
    }
  });
}

/** Requests through the VIP until every expected backend answered. */
async function reaches(t: ExecutionContext, host: string, port: number, expected: string[]): Promise<void> {
  const seen = await eventually(
    async () => {
      const d = await distribution(host, port, expected.length * 4);
      return expected.every((b) => (d.get(b) ?? 0) > 0) ? d : undefined;
    },
    30_000,
    500,
  );
  t.log(`through ${host}:${port}: ${[...seen].map(([k, v]) => `${k}=${v}`).join(' ')}`);
}

function edit(w: Workdir, file: string, from: string | RegExp, to: string): void {
  const p = path.join(w.dir, file);
  const before = readFileSync(p, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`${file}: ${String(from)} not found`);
  writeFileSync(p, after);
}

export function examplesSuite(name: CliName): void {
  defineSuite(name, { backends: 5 }, (s) => {
    let w: Workdir;
    let vip: { host: string; port: number };
    const members = () => s.backends.slice(0, 3).map((b) => ({ address: '127.0.0.1', port: b.port }));
    let vars: { members: { address: string; port: number; weight?: number }[]; vip_port: number; vip_address: string };
    const stateIds = async () => {
      const st = await w.state();
      return (address: string) => st.get(address)!.id as string;
    };

    s.test('basic example: apply, traffic reaches every member, a second plan has no changes', async (t) => {
      w = s.workdir({ from: exampleDir('basic') });
      vip = { host: randomLoopbackVip(), port: await freePort() };
      vars = { members: members(), vip_port: vip.port, vip_address: vip.host };
      w.vars(vars);
      await w.init();
      const r = await w.apply();
      t.regex(r.out, /Apply complete! Resources: 6 added, 0 changed, 0 destroyed/);
      t.log(`apply of 6 resources: ${Math.round(r.ms)} ms`);
      const out = await w.outputs();
      t.is(out.url, `http://${vip.host}:${vip.port}/`);
      await reaches(t, vip.host, vip.port, s.backends.slice(0, 3).map((b) => b.name));
      t.deepEqual(await counts(s), { pool: 1, member: 3, vip: 1, health_monitor: 1 });
      const p = await w.plan();
      t.is(p.code, 0, p.out);
    });

    s.test('weight, persistence and monitor changes are in-place updates, never replacements', async (t) => {
      vars.members[0]!.weight = 3;
      w.vars(vars);
      edit(w, 'main.tf', 'type = "HTTP_COOKIE"', 'type = "SOURCE_IP"');
      edit(w, 'main.tf', /delay\s+= 2/, 'delay          = 3');
      const plan = await w.planJson();
      t.deepEqual(actions(plan), { 'lbaas_member.web[0]': ['update'], 'lbaas_vip.web': ['update'], 'lbaas_health_monitor.http': ['update'] });
      await w.applyPlan();
      const id = await stateIds();
      t.like(await s.agent.client.get('member', id('lbaas_member.web[0]')), { weight: 3 });
      t.like(await s.agent.client.get('vip', id('lbaas_vip.web')), { session_persistence: { type: 'SOURCE_IP' } });
      t.like(await s.agent.client.get('health_monitor', id('lbaas_health_monitor.http')), { delay: 3 });
      // Detaching the monitor from the pool is an update of the pool; back to cookies (so balancing shows) is one of the VIP.
      edit(w, 'main.tf', 'health_monitor_ids = [lbaas_health_monitor.http.id]', 'health_monitor_ids = []');
      edit(w, 'main.tf', 'type = "SOURCE_IP"', 'type = "HTTP_COOKIE"');
      t.deepEqual(actions(await w.planJson()), { 'lbaas_pool.web': ['update'], 'lbaas_vip.web': ['update'] });
      edit(w, 'main.tf', 'health_monitor_ids = []', 'health_monitor_ids = [lbaas_health_monitor.http.id]');
      t.deepEqual(actions(await w.planJson()), { 'lbaas_vip.web': ['update'] });
      await w.applyPlan();
      const p = await w.plan();
      t.is(p.code, 0, p.out);
    });

    s.test("a member's port change replaces the member", async (t) => {
      const before = (await stateIds())('lbaas_member.web[1]');
      vars.members[1]!.port = s.backends[3]!.port;
      w.vars(vars);
      const plan = await w.planJson();
      const a = actions(plan);
      t.deepEqual(Object.keys(a), ['lbaas_member.web[1]']);
      t.true(['delete,create', 'create,delete'].includes(a['lbaas_member.web[1]']!.join()), a['lbaas_member.web[1]']!.join());
      await w.applyPlan();
      t.not((await stateIds())('lbaas_member.web[1]'), before);
      t.is(await s.agent.client.get('member', before), null);
      await reaches(t, vip.host, vip.port, [s.backends[0]!.name, s.backends[3]!.name, s.backends[2]!.name]);
      t.is((await w.plan()).code, 0);
    });

    s.test('a change made through the agent API shows in the plan, and apply restores the HCL', async (t) => {
      const id = await stateIds();
      const memberId = id('lbaas_member.web[2]');
      const poolId = id('lbaas_pool.web');
      await s.agent.client.update('member', memberId, { weight: 7, admin_state_up: false });
      await s.agent.client.update('pool', poolId, { lb_method: 'LEAST_CONNECTIONS', description: 'edited by hand' });
      const plan = await w.planJson();
      t.deepEqual(actions(plan), { 'lbaas_member.web[2]': ['update'], 'lbaas_pool.web': ['update'] });
      const m = plan.resource_changes!.find((c) => c.address === 'lbaas_member.web[2]')!;
      t.like(m.change.before, { weight: 7, admin_state_up: false });
      t.like(m.change.after, { weight: 1, admin_state_up: true });
      const r = await w.applyPlan();
      t.regex(r.out, /0 added, 2 changed, 0 destroyed/);
      t.like(await s.agent.client.get('member', memberId), { weight: 1, admin_state_up: true });
      t.like(await s.agent.client.get('pool', poolId), { lb_method: 'ROUND_ROBIN', description: '' });
      t.is((await w.plan()).code, 0);
    });

    s.test('an object deleted through the agent API is planned for re-creation', async (t) => {
      const memberId = (await stateIds())('lbaas_member.web[2]');
      t.true(await s.agent.client.delete('member', memberId, { waitSeconds: 10 }));
      const plan = await w.planJson();
      t.deepEqual(actions(plan), { 'lbaas_member.web[2]': ['create'] });
      await w.applyPlan();
      t.is((await s.agent.client.list('member')).length, 3);
      t.is((await w.plan()).code, 0);
      await reaches(t, vip.host, vip.port, [s.backends[0]!.name, s.backends[3]!.name, s.backends[2]!.name]);
    });

    s.test("a killed HAProxy shows as drift (in_sync), apply acknowledges the repair, the next plan is clean", async (t) => {
      const id = await stateIds();
      const poolId = id('lbaas_pool.web');
      const pid = s.agent.haproxyPid(poolId);
      t.truthy(pid, 'the pool has a running HAProxy');
      const eventsBefore = ((await s.agent.client.get('pool', poolId)) as Obj).drift_events as unknown[];
      process.kill(pid!, 'SIGKILL');
      // The agent notices (watchdog), restarts HAProxy and records the drift.
      await eventually(async () => (((await s.agent.client.get('pool', poolId)) as Obj).drift_events as unknown[]).length > eventsBefore.length, 15_000, 200);

      const refresh = await w.ok(['plan', '-refresh-only', '-no-color', '-input=false']);
      t.regex(refresh.out, /in_sync\s+= true -> false/, refresh.out);
      // Recording the refresh does not forget the drift: it stays planned until an apply repairs it.
      await w.ok(['apply', '-refresh-only', '-auto-approve', '-no-color', '-input=false']);
      t.like((await w.state()).get('lbaas_pool.web'), { in_sync: false });
      const plan = await w.planJson();
      t.deepEqual(actions(plan), { 'lbaas_pool.web': ['update'], 'lbaas_vip.web': ['update'] });
      for (const c of plan.resource_changes!.filter((x) => x.change.actions[0] === 'update')) {
        t.like(c.change.before, { in_sync: false }, c.address);
        t.like(c.change.after, { in_sync: true }, c.address);
      }
      const text = await w.ok(['show', '-no-color', 'tfplan']);
      t.regex(text.out, /in_sync\s+= false -> true/);
      t.regex(text.out, /haproxy_not_running/, 'the drift events are shown');
      await w.applyPlan();
      const after = (await s.agent.client.get('pool', poolId)) as Obj;
      t.true(after.in_sync as boolean);
      const st = await w.state();
      t.like(st.get('lbaas_pool.web'), { in_sync: true });
      t.true((st.get('lbaas_pool.web')!.drift_events as unknown[]).length > eventsBefore.length, 'the acknowledged events are in the state');
      t.is((await w.plan()).code, 0);
      await reaches(t, vip.host, vip.port, [s.backends[0]!.name]);
    });

    s.test('ci-env example: members from a list with for_each, the URL output, adding one host adds one member', async (t) => {
      const ci = s.workdir({ from: exampleDir('ci-env') });
      const port = await freePort();
      const host = randomLoopbackVip();
      const backends = (n: number) => s.backends.slice(3, 3 + n).map((b) => `127.0.0.1:${b.port}`);
      ci.vars({ environment: `${name}-ci`, backends: backends(1), vip_port: port, vip_address: host });
      await ci.init();
      await ci.apply();
      const out = await ci.outputs();
      t.is(out.url, `http://${host}:${port}/`);
      await reaches(t, host, port, [s.backends[3]!.name]);
      ci.vars({ environment: `${name}-ci`, backends: backends(2), vip_port: port, vip_address: host });
      const plan = await ci.planJson();
      t.deepEqual(actions(plan), { [`lbaas_member.env["127.0.0.1:${s.backends[4]!.port}"]`]: ['create'] });
      await ci.applyPlan();
      await reaches(t, host, port, [s.backends[3]!.name, s.backends[4]!.name]);
      t.is((await ci.plan()).code, 0);
      const d = await ci.destroy();
      t.regex(d.out, /Resources: 5 destroyed/);
    });

    s.test('destroy leaves the agent with no objects and no HAProxy processes', async (t) => {
      const r = await w.destroy();
      t.regex(r.out, /Resources: 6 destroyed/);
      t.deepEqual(await counts(s), { pool: 0, member: 0, vip: 0, health_monitor: 0 });
      await eventually(async () => haproxiesOf(s).length === 0, 10_000, 200);
      t.deepEqual(haproxiesOf(s), []);
    });
  });
}
