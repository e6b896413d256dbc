/**
 * Shared set-up for the netns driver's tests: a driver on a fresh test bridge
 * with its own state directory and agent id, a client host, and teardowns
 * that unplug whatever the test plugged (even when it fails).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExecutionContext } from 'ava';
import { Network } from '../../../schema/network.js';
import type { OvsFixture, TestBridge } from '../../../test/harness/ovs.js';
import { sweepDeadTestNamespaces, testAgentId } from '../../../test/harness/hosts.js';
import { NetnsDriver } from './index.js';

export interface DriverFixture {
  bridge: TestBridge;
  driver: NetnsDriver;
  agentId: string;
  stateDir: string;
  networks: Network[];
  /** A new pool id whose plumbing is unplugged in teardown. */
  pool(): string;
}

export async function driverFixture(
  t: ExecutionContext,
  ovs: OvsFixture,
  nets: Omit<Network, 'bridge'>[],
): Promise<DriverFixture> {
  const bridge = await ovs.bridge(t);
  const stateDir = await mkdtemp(path.join(tmpdir(), 'lbaas-netns-'));
  t.teardown(() => rm(stateDir, { recursive: true, force: true }));
  const networks = nets.map((n) => Network.parse({ ...n, bridge: bridge.name }));
  await sweepDeadTestNamespaces();
  const agentId = testAgentId();
  const driver = new NetnsDriver({ networks, stateDir, agentId, ovsDb: bridge.db });
  await driver.start();
  const pools: string[] = [];
  // Runs after the servers' and hosts' teardowns registered later (LIFO).
  t.teardown(async () => {
    await driver.settle();
    for (const id of pools) await driver.unplug(id).catch((e: unknown) => t.log(`unplug ${id}: ${String(e)}`));
  });
  return {
    bridge,
    driver,
    agentId,
    stateDir,
    networks,
    pool: () => {
      const id = randomUUID();
      pools.push(id);
      return id;
    },
  };
}
