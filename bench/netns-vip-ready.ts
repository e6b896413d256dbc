/**
 * Benchmark "netns-vip-ready" (issue 3): time from `POST /v1/vips` to the
 * first successful request through the new VIP, seen from a client
 * namespace on the bridge. Each VIP is a new pool (one member) and so a new
 * namespace, port, HAProxy. The prober is one long-lived process in the
 * client namespace that starts hammering the VIP (fresh connection, short
 * timeout, 5 ms between attempts) as soon as the POST answers with its
 * address; both clocks are the host's.
 */
import { execa, type ResultPromise } from 'execa';
import { setTimeout as sleep } from 'node:timers/promises';
import { startNetnsAgent } from '../test/netns/support/agent.js';
import { hostsOn, networkFor } from '../test/netns/support/topology.js';
import { watchNamespace } from '../test/harness/hosts.js';
import { nsName } from '../agent/netns/names.js';
import type { Benchmark, BenchContext } from './benchmark.js';
import { availableDatapaths, benchBridge, goalRow, requireRoot, shim } from './netns-env.js';
import { p50p99, type Row } from './report.js';
import { benchTiming, startBench } from './support/machine.js';
import { summarize } from './support/stats.js';

const VIPS = 12;
const READY_GOAL_MS = 300;
/** A VIP that does not answer within this is counted as never ready. */
const GIVE_UP_MS = 30_000;
/** Between VIPs: let the previous HAProxy start settle so each measurement starts from a quiet agent. */
const PAUSE_MS = 500;

// Runs in the client namespace: one URL per stdin line; prints {url, at, attempts} at its first 200.
const PROBER_JS = `
const http = require('http');
const giveUpMs = Number(process.argv[1]);
const once = (url) => new Promise((resolve) => {
  const req = http.get(url, { agent: false, timeout: 250, headers: { connection: 'close' } }, (res) => {
    res.resume();
    res.on('end', () => resolve(res.statusCode === 200));
    res.on('error', () => resolve(false));
  });
  req.on('timeout', () => req.destroy(new Error('timeout')));
  req.on('error', () => resolve(false));
});
async function probe(url) {
  const end = Date.now() + giveUpMs;
  let attempts = 0;
  while (Date.now() < end) {
    attempts++;
    if (await once(url)) return process.stdout.write(JSON.stringify({ url, at: Date.now(), attempts }) + '\\n');
    await new Promise((r) => setTimeout(r, 5));
  }
  process.stdout.write(JSON.stringify({ url, at: null, attempts }) + '\\n');
}
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\\n')) >= 0) { const url = buf.slice(0, i).trim(); buf = buf.slice(i + 1); if (url) void probe(url); }
});
process.stdin.on('end', () => process.exit(0));
`;

interface ProbeAnswer {
  url: string;
  at: number | null;
  attempts: number;
}

function startProber(ctx: BenchContext, ns: string) {
  const child: ResultPromise = execa('ip', ['netns', 'exec', ns, process.execPath, '-e', PROBER_JS, String(GIVE_UP_MS)], {
    reject: false,
    stdin: 'pipe',
    forceKillAfterDelay: 2_000,
  });
  ctx.cleanup.add(`prober in ${ns}`, async () => {
    child.stdin?.end();
    await Promise.race([child, sleep(3_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await child;
  });
  const waiting = new Map<string, (a: ProbeAnswer) => void>();
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const a = JSON.parse(buf.slice(0, i)) as ProbeAnswer;
      buf = buf.slice(i + 1);
      waiting.get(a.url)?.(a);
      waiting.delete(a.url);
    }
  });
  return {
    probe(url: string): Promise<ProbeAnswer> {
      const p = new Promise<ProbeAnswer>((resolve) => waiting.set(url, resolve));
      child.stdin?.write(`${url}\n`);
      return p;
    },
  };
}

/** When the agent logged the first `converged` (HAProxy started) for a pool: ms since the epoch. */
function convergedAt(log: string, poolId: string): number | undefined {
  for (const line of log.split('\n')) {
    if (!line.includes('"converged"') || !line.includes(poolId)) continue;
    const time = /"time":"([^"]+)"/.exec(line)?.[1];
    if (time) return Date.parse(time);
  }
  return undefined;
}

export const netnsVipReady: Benchmark = {
  name: 'netns-vip-ready',
  requires: ['netns', 'ovs', 'haproxy'],
  description: `time from POST /v1/vips to the first successful request through the new VIP (${VIPS} VIPs, netns driver)`,
  async run(ctx) {
    requireRoot();
    const bench = await startBench();
    const t = shim(ctx);
    const datapath = availableDatapaths().includes('system') ? 'system' : 'netdev';
    const bridge = await benchBridge(ctx, datapath);
    const net = networkFor(bridge);
    const hosts = await hostsOn(t, bridge, net, { members: 1, clients: 1 });
    const agent = await startNetnsAgent(t, { networks: [net], ovsDb: bridge.db, auditInterval: 5 });
    const prober = startProber(ctx, hosts.clients[0]!.ns);
    const member = hosts.members[0]!;
    const c = agent.client;

    const readyMs: number[] = [];
    const postMs: number[] = [];
    const convergedMs: number[] = [];
    const samples: { vip: string; address: string; postMs: number; convergedMs: number | null; readyMs: number | null; attempts: number }[] = [];
    for (let i = 0; i < VIPS; i++) {
      const pool = (await c.create('pool', { name: `ready-${i}`, protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: net.name })) as { id: string };
      watchNamespace(nsName(pool.id));
      await c.create('member', { pool_id: pool.id, address: member.address, protocol_port: member.port });
      await sleep(PAUSE_MS);
      const t0 = Date.now();
      const vip = (await c.create('vip', { name: `ready-${i}`, pool_id: pool.id, subnet: net.name, protocol: 'HTTP', protocol_port: 80 })) as {
        id: string;
        address: string;
      };
      const posted = Date.now() - t0;
      const a = await prober.probe(`http://${vip.address}/`);
      const ready = a.at === null ? null : a.at - t0;
      // The agent logs `converged` once HAProxy reports its worker: possibly after the first answer.
      let converged = convergedAt(agent.logs(), pool.id);
      for (let w = 0; converged === undefined && w < 50; w++) {
        await sleep(100);
        converged = convergedAt(agent.logs(), pool.id);
      }
      const conv = converged === undefined ? null : converged - t0;
      postMs.push(posted);
      if (ready !== null) readyMs.push(ready);
      if (conv !== null) convergedMs.push(conv);
      samples.push({ vip: vip.id, address: vip.address, postMs: posted, convergedMs: conv, readyMs: ready, attempts: a.attempts });
      ctx.log(`VIP ${i + 1}/${VIPS} ${vip.address}: POST ${posted} ms, HAProxy started ${conv ?? '?'} ms, first successful request ${ready ?? 'never'} ms (${a.attempts} attempts)`);
    }
    const s = summarize(readyMs);
    const never = samples.filter((x) => x.readyMs === null).length;
    const rows: Row[] = [
      goalRow(`POST /v1/vips → first successful request, p50 (n=${readyMs.length})`, s?.p50, 'ms', READY_GOAL_MS),
      { metric: 'same, p90 / max', value: s ? `${s.p90} / ${s.max} ms` : 'n/a' },
      { metric: 'POST /v1/vips answered (p50 / p99)', value: p50p99(summarize(postMs)) },
      { metric: 'POST → agent converged: plugged, HAProxy started (p50 / p99)', value: p50p99(summarize(convergedMs)) },
      { metric: `VIPs never answering within ${GIVE_UP_MS / 1000} s`, value: String(never), goal: '0', met: never === 0 },
    ];
    return {
      name: 'netns-vip-ready',
      ...benchTiming(bench),
      environment: { datapath },
      sections: [
        {
          title: `VIP ready time, netns driver, datapath ${datapath}`,
          rows,
          notes: [
            'Each VIP: a new pool with one member, then POST /v1/vips without ?wait; the clock starts before the POST.',
            'Covers the durable write, namespace + OVS port + address + gratuitous ARP, haproxy -c and start, ARP from the client.',
          ],
        },
      ],
      data: { goals: { readyP50Ms: READY_GOAL_MS }, summary: s, samples },
    };
  },
};
