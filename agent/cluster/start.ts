/**
 * Cluster mode wiring: etcd client, watched view, desired state in etcd,
 * observed state under status/, the agent record and the scheduler. The
 * agent's main wires the same service and reconciler to these as it wires
 * them to the journal for a single agent.
 */
import { existsSync } from 'node:fs';
import type { Network } from '../../schema/network.js';
import type { ClusterConfig } from '../../schema/cluster.js';
import type { Log } from '../log.js';
import type { Paths } from '../paths.js';
import { AgentError } from '../errors.js';
import { ClusterAgents } from './agents.js';
import { AssignedStore } from './assigned-store.js';
import { checkReachable, etcdClient } from './etcd.js';
import { EtcdStore } from './etcd-store.js';
import { Mirror } from './mirror.js';
import { EtcdObserved } from './observed.js';
import { canHost } from './placement.js';
import { Registry } from './registry.js';
import { Scheduler } from './scheduler.js';
import { ClusterTracker } from './status.js';

/** Lease TTL: a third of reschedule_after, within what etcd accepts and what keeps heartbeats cheap. */
function leaseTtl(rescheduleAfterS: number): number {
  return Math.max(2, Math.min(10, Math.round(rescheduleAfterS / 3)));
}

export interface ClusterParts {
  store: EtcdStore;
  reconcilerStore: AssignedStore;
  tracker: ClusterTracker;
  observed: EtcdObserved;
  agents: ClusterAgents;
  mirror: Mirror;
  hosted(): string[];
  /** Pools this agent hosts or still has on disk: the only ones worth a reconcile here. */
  mine(pools: string[]): string[];
  checkHint(spec: Record<string, unknown>): void;
  /** Feed the reconciler: changes from the watch for pools this agent hosts or still has on disk. */
  run(enqueue: (pools: string[]) => void, enqueueAll: () => void): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(
  c: ClusterConfig,
  o: { networks: readonly Network[]; driver: string; version: string; endpoint: () => string; paths: Paths; log: Log },
): Promise<ClusterParts> {
  const client = etcdClient(c);
  await checkReachable(client, c);
  const mirror = new Mirror(client, c.etcd.prefix, o.log);
  const store = new EtcdStore(client, mirror);
  await store.open();
  const tracker = new ClusterTracker(mirror, c.agent_id);
  const reconcilerStore = new AssignedStore(store, tracker);
  const hosted = () => [...mirror.assign].filter(([, a]) => a.agent_ids.includes(c.agent_id)).map(([p]) => p);
  const registry = new Registry(
    client,
    mirror,
    c.agent_id,
    leaseTtl(c.reschedule_after),
    () => ({
      agent_id: c.agent_id,
      networks: o.networks.map((n) => n.name),
      driver: o.driver,
      version: o.version,
      availability_zone: c.availability_zone ?? null,
      pool_count: hosted().length,
      endpoint: o.endpoint(),
    }),
    o.log,
  );
  const scheduler = new Scheduler(client, mirror, registry, c.reschedule_after * 1000, o.log);
  const agents = new ClusterAgents(client, mirror);

  const mine = (pools: string[]) => pools.filter((p) => tracker.hostedHere(p) || existsSync(o.paths.pool(p).dir));

  function checkHint(spec: Record<string, unknown>): void {
    const hint = spec.agent_id as string | null | undefined;
    if (!hint) return;
    const rec = mirror.agents.get(hint);
    const a = rec && { id: hint, alive: true, adminUp: mirror.admin.get(hint) !== false, networks: rec.networks, goneMs: 0 };
    if (!canHost(a, spec.subnet as string)) {
      const why = !rec ? 'is not alive' : mirror.admin.get(hint) === false ? 'is drained (admin_state_up false)' : `does not have network ${String(spec.subnet)}`;
      const message = `agent ${hint} cannot host this pool: it ${why}`;
      throw new AgentError('cannot_host', `agent_id: ${message}`, { errors: [{ path: ['agent_id'], message }] });
    }
  }

  return {
    store,
    reconcilerStore,
    tracker,
    observed: new EtcdObserved(client, mirror.keys, c.agent_id),
    agents,
    mirror,
    hosted,
    mine,
    checkHint,
    async run(enqueue, enqueueAll) {
      mirror.on('desired', (pools: string[]) => enqueue(mine(pools)));
      mirror.on('assign', (pool: string) => enqueue(mine([pool])));
      mirror.on('relisted', () => enqueueAll());
      await registry.start();
      scheduler.start();
    },
    async stop() {
      scheduler.stop();
      await registry.stop();
      await store.close();
      client.close();
    },
  };
}
