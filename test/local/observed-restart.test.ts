/** Observed state (drift history, operating status) survives `kill -9` of the agent. */
import test from 'ava';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { setupLb } from '../harness/fixtures.js';
import { eventually } from '../harness/http.js';

test('drift events and operating status are still reported after kill -9 and restart', async (t) => {
  const { agent, lb } = await setupLb(t, 2);
  const cfg = path.join(agent.stateDir, 'pools', lb.poolId, 'haproxy.cfg');
  writeFileSync(cfg, readFileSync(cfg, 'utf8').replace(/weight 1 /g, 'weight 99 ') + '\n# edited by hand\n');
  const before = await eventually(async () => {
    const p = await agent.client.get('pool', lb.poolId);
    return p?.drift_events.some((e) => e.kind === 'config_modified') ? p : undefined;
  }, 20_000);
  const member = await eventually(async () => {
    const m = await agent.client.get('member', lb.memberIds[0]!);
    // Before the first status poll it is OFFLINE; after it NO_MONITOR (no monitor) or ONLINE.
    return m && m.operating_status !== 'OFFLINE' ? m : undefined;
  }, 10_000);
  // The persister writes within ~100 ms of a change.
  await sleep(500);
  await agent.kill9();
  // Nothing drifts across the restart: HAProxy is adopted as it runs.
  await agent.start();
  const after = await agent.client.get('pool', lb.poolId);
  const drift = after!.drift_events.find((e) => e.kind === 'config_modified');
  t.truthy(drift, 'drift event lost across kill -9');
  t.deepEqual(drift, before.drift_events.find((e) => e.kind === 'config_modified'));
  // Read at once after start, before the first status poll could refresh it.
  const m2 = await agent.client.get('member', member.id as string);
  t.is(m2!.operating_status, member.operating_status);
});
