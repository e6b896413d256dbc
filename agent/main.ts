/** Wires the agent together: store → service → reconciler → HTTP. */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { buildOpenApi } from '../schema/openapi.js';
import { KINDS } from '../schema/resources.js';
import type { AgentInfo } from '../schema/agent-info.js';
import { loadConfig } from './config.js';
import { selectDriver } from './drivers/select.js';
import { run } from './exec/run.js';
import { loadOrCreateToken } from './http/auth.js';
import { buildServer } from './http/server.js';
import { createLog } from './log.js';
import { Metrics } from './metrics.js';
import type { AgentOptions } from './options.js';
import { Paths } from './paths.js';
import { Auditor } from './reconcile/audit.js';
import { Reconciler } from './reconcile/reconciler.js';
import { StatusPoller } from './reconcile/status-poller.js';
import { Service } from './service/service.js';
import { StatusTracker } from './status/tracker.js';
import { JournalStore } from './store/store.js';
import type { Store } from './store/types.js';
import { SingleAgent } from './cluster/agents.js';
import type { ClusterParts } from './cluster/start.js';
import { JournalObserved } from './observed/journal.js';
import { ObservedPersister } from './observed/persister.js';
import { VERSION } from './version.js';
import { CLUSTER_WITHOUT_PAIRS, SINGLE_AGENT } from './ha/admission.js';

export interface RunningAgent {
  url: string;
  stop(): Promise<void>;
}

function agentId(file: string): string {
  if (!existsSync(file)) writeFileSync(file, randomUUID(), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function haproxyVersion(): Promise<string> {
  const r = await run('haproxy', ['-v'], { reject: false, timeoutMs: 5_000 }).catch(() => undefined);
  const m = /version (\S+)/.exec(r?.stdout ?? '');
  if (!m) throw new Error('haproxy is not installed or does not run (`haproxy -v` failed); install it (Debian: apt-get install haproxy)');
  return m[1]!;
}

export async function startAgent(o: AgentOptions): Promise<RunningAgent> {
  const log = createLog(o.logLevel);
  const config = loadConfig(o.configFile);
  mkdirSync(o.stateDir, { recursive: true, mode: 0o700 });
  chmodSync(o.stateDir, 0o700);
  const paths = new Paths(o.stateDir);
  mkdirSync(paths.poolsDir, { recursive: true, mode: 0o700 });
  const token = loadOrCreateToken(o.tokenFile ?? paths.token);
  const cluster = config.cluster;
  const hv = await haproxyVersion();
  const driver = await selectDriver({
    requested: o.driver,
    networks: config.networks,
    stateDir: o.stateDir,
    // In a cluster the agent id is the configured one: it marks what this agent owns on a shared host.
    agentId: cluster?.agent_id ?? agentId(paths.agentId),
    ...(o.ovsDb ? { ovsDb: o.ovsDb } : {}),
  });
  await driver.start();

  let endpoint = '';
  let cp: ClusterParts | undefined;
  if (cluster) {
    // Loaded only in cluster mode: the etcd client (gRPC, protobufjs) costs a single agent memory for nothing.
    const { startCluster } = await import('./cluster/start.js');
    cp = await startCluster(cluster, { networks: driver.networks, driver: driver.info.name, version: VERSION, endpoint: () => endpoint, paths, log });
  }
  let store: Store;
  let reconcilerStore: Store;
  let tracker: StatusTracker;
  if (cp) {
    store = cp.store;
    reconcilerStore = cp.reconcilerStore;
    tracker = cp.tracker;
  } else {
    store = reconcilerStore = new JournalStore(paths.storeDir);
    await store.open();
    tracker = new StatusTracker();
  }
  const metrics = new Metrics();
  const reconciler = new Reconciler(reconcilerStore, tracker, driver, paths, log, metrics);
  const service = new Service(store, tracker, driver.networks, (pools) => reconciler.enqueue(cp ? cp.mine(pools) : pools), cp?.checkHint, cp ? CLUSTER_WITHOUT_PAIRS : SINGLE_AGENT);
  const poller = new StatusPoller(reconcilerStore, tracker, reconciler, o.statusIntervalMs);
  const persister = cp
    ? new ObservedPersister(reconcilerStore, tracker, cp.observed, cp.hosted, log)
    : new ObservedPersister(store, tracker, new JournalObserved(paths.observedDir), () => store.list('pool').map((p) => p.id), log);
  await persister.restore();
  const auditor = new Auditor(reconciler, poller, {
    auditMs: o.auditIntervalMs,
    watchdogMs: Math.min(500, o.auditIntervalMs),
    statusMs: o.statusIntervalMs,
  });

  const agentInfo = (): AgentInfo => ({
    version: VERSION,
    driver: driver.info.name,
    driver_reason: driver.info.reason,
    datapath: driver.info.datapath,
    haproxy_version: hv,
    networks: driver.networks.map((n) => ({
      name: n.name,
      cidr: n.cidr,
      bridge: driver.info.name === 'netns' ? n.bridge : null,
      vlan: n.vlan ?? null,
      gateway: n.gateway ?? null,
    })),
    ...(cp && cluster
      ? { cluster: { agent_id: cluster.agent_id, etcd: cp.mirror.stale ? 'unavailable' : 'ok', leader: cp.mirror.leader ?? null, revision: cp.mirror.revision } as const }
      : {}),
    capabilities: [
      'runtime_weight',
      'runtime_admin_state',
      'seamless_reload',
      'multiple_monitors_and',
      'ping_monitor_as_tcp',
      'idempotency_key',
      'if_match',
      'wait',
      'cascade_delete',
    ],
  });

  const app = buildServer({
    token,
    tracker,
    metrics,
    service,
    poller,
    agentInfo,
    openapi: buildOpenApi(VERSION, { networks: driver.networks.map((n) => n.name) }),
    agents:
      cp?.agents ??
      new SingleAgent(
        () => ({
          agent_id: agentId(paths.agentId),
          alive: true,
          admin_state_up: true,
          networks: driver.networks.map((n) => n.name),
          driver: driver.info.name,
          version: VERSION,
          availability_zone: null,
          pool_count: store.list('pool').length,
          heartbeat_at: new Date().toISOString(),
          endpoint,
          leader: true,
        }),
        () => store.list('pool').map((p) => p.id),
      ),
    stale: () => store.stale,
    ...(cp ? { etcdUp: () => !cp.mirror.stale } : {}),
    counts: () => Object.fromEntries(KINDS.map((k) => [k, store.list(k).length])),
    ...(o.tlsCert && o.tlsKey ? { tls: { cert: readFileSync(o.tlsCert), key: readFileSync(o.tlsKey) } } : {}),
  });

  // Adopt what is running, remove our orphans, then keep auditing.
  await reconciler.enqueueAll();
  auditor.start();
  const url = await app.listen({ host: o.host, port: o.port });
  endpoint = url;
  await cp?.run((pools) => reconciler.enqueue(pools), () => void reconciler.enqueueAll());
  log.info('listening', { url, driver: driver.info.name, reason: driver.info.reason, state_dir: o.stateDir, haproxy: hv });

  return {
    url,
    async stop() {
      auditor.stop();
      await app.close();
      await reconciler.queue.stop();
      await persister.stop();
      if (cp) await cp.stop();
      else await store.close();
    },
  };
}
