/**
 * Benchmark "terraform-plan" (issue 4): wall time of `terraform plan`
 * (refresh included) with 10, 100 and 1000 members of one pool in state,
 * against a real agent (local driver), and the agent requests it costs per
 * resource, counted from the agent's /metrics (lbaas_http_requests_total,
 * before and after). The state is made by one `terraform apply` per size —
 * real state, written by Terraform itself; then the pool is deleted with
 * cascade through the API, so each size runs against exactly its objects.
 */
import { execa } from 'execa';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { testMirror, Workdir } from '../test/terraform/workdir.js';
import { findCli, missingMessage } from '../test/terraform/cli.js';
import type { AgentHandle } from '../test/harness/agent.js';
import type { Benchmark } from './benchmark.js';
import type { BenchReport, Row } from './report.js';
import { benchTiming, startBench } from './support/machine.js';
import { startBenchAgent } from './support/agent.js';
import { summarize } from './support/stats.js';

const SIZES = [10, 100, 1000] as const;
/** Timed plans per size; the median is reported. */
const RUNS = 3;
/** Terraform's default; the plan is timed with it. */
const PLAN_PARALLELISM = 10;
/** Only for building the state, not timed as a result: 1000 members take about a minute at 10. */
const APPLY_PARALLELISM = 20;

/** Sum of lbaas_http_requests_total over all labels, and the per-label rows. */
async function requestCounter(agent: AgentHandle): Promise<{ total: number; byLabel: Record<string, number> }> {
  const r = await fetch(`${agent.endpoint}/metrics`, { headers: { authorization: `Bearer ${agent.token}` } });
  if (!r.ok) throw new Error(`GET /metrics: ${r.status}`);
  const byLabel: Record<string, number> = {};
  let total = 0;
  for (const line of (await r.text()).split('\n')) {
    const m = /^lbaas_http_requests_total\{([^}]*)\} (\d+(?:\.\d+)?)$/.exec(line);
    if (!m) continue;
    byLabel[m[1]!] = Number(m[2]);
    total += Number(m[2]);
  }
  return { total, byLabel };
}

function diffLabels(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(b)) if (v - (a[k] ?? 0) > 0) out[k] = v - (a[k] ?? 0);
  return out;
}

function config(members: number): string {
  return JSON.stringify(
    {
      terraform: { required_providers: { lbaas: { source: 'lbaas.local/lbaas/lbaas' } } },
      provider: { lbaas: {} },
      resource: {
        lbaas_pool: { bench: { name: 'bench', protocol: 'TCP', lb_method: 'ROUND_ROBIN', subnet: 'local' } },
        lbaas_member: { m: { count: members, pool_id: '${lbaas_pool.bench.id}', address: '127.0.0.1', protocol_port: '${20000 + count.index}' } },
      },
    },
    null,
    2,
  );
}

interface SizeResult {
  members: number;
  resources: number;
  applyS: number;
  planS: number[];
  planNoRefreshS: number;
  /** Agent requests per plan (each run), without the /metrics scrapes. */
  requests: number[];
  requestsByLabel: Record<string, number>;
}

export const terraformPlan: Benchmark = {
  name: 'terraform-plan',
  requires: ['terraform', 'haproxy'],
  description: `terraform plan wall time (refresh included) with ${SIZES.join(' / ')} members in state; agent requests per resource`,
  async run({ cleanup, log }): Promise<BenchReport> {
    const bench = await startBench();
    const cli = findCli('terraform');
    if (!cli) throw new Error(missingMessage('terraform'));
    const version = JSON.parse((await execa(cli, ['version', '-json'], { reject: false, env: { CHECKPOINT_DISABLE: '1' } })).stdout || '{}') as { terraform_version?: string };
    const mirror = await testMirror();
    cleanup.add(`mirror ${mirror}`, () => rmSync(mirror, { recursive: true, force: true }));
    const agent = await startBenchAgent(cleanup);

    // What scraping /metrics itself adds between two scrapes (the first one's own request).
    const c0 = await requestCounter(agent);
    const scrapeCost = (await requestCounter(agent)).total - c0.total;

    const results: SizeResult[] = [];
    for (const members of SIZES) {
      const w = Workdir.create({ cli, mirror, endpoint: agent.endpoint, token: agent.token });
      cleanup.add(`workdir ${w.root}`, () => w.cleanup());
      w.write('main.tf.json', config(members));
      await w.init();
      log(`${members} members: terraform apply -parallelism=${APPLY_PARALLELISM}`);
      const applied = await w.apply(`-parallelism=${APPLY_PARALLELISM}`);
      const r: SizeResult = { members, resources: members + 1, applyS: applied.ms / 1000, planS: [], planNoRefreshS: 0, requests: [], requestsByLabel: {} };
      for (let i = 0; i < RUNS; i++) {
        const before = await requestCounter(agent);
        const p = await w.plan(`-parallelism=${PLAN_PARALLELISM}`);
        const after = await requestCounter(agent);
        if (p.code !== 0) throw new Error(`plan with ${members} members is not empty (exit ${p.code}):\n${p.out}`);
        r.planS.push(p.ms / 1000);
        r.requests.push(after.total - before.total - scrapeCost);
        if (i === 0) r.requestsByLabel = diffLabels(before.byLabel, after.byLabel);
        log(`${members} members: plan ${i + 1}/${RUNS} ${(p.ms / 1000).toFixed(2)} s, ${after.total - before.total - scrapeCost} requests`);
      }
      r.planNoRefreshS = (await w.plan('-refresh=false')).ms / 1000;
      results.push(r);
      // Next size against exactly its own objects; the state goes with the workdir.
      const pools = await agent.client.list('pool');
      for (const p of pools) await agent.client.delete('pool', p.id, { cascade: true });
      w.cleanup();
    }

    const median = (xs: number[]) => summarize(xs)?.p50 ?? Number.NaN;
    const rows: Row[] = results.flatMap((r): Row[] => [
      { metric: `${r.members} members: plan wall time (median of ${RUNS})`, value: `${median(r.planS).toFixed(2)} s (${r.planS.map((s) => s.toFixed(2)).join(', ')})` },
      {
        metric: `${r.members} members: agent requests per resource`,
        value: `${(median(r.requests) / r.resources).toFixed(2)} (${median(r.requests)} for ${r.resources} resources)`,
        // A refresh reads each resource once; more means the provider repeats reads.
        goal: '<= 1',
        met: median(r.requests) / r.resources <= 1,
      },
      { metric: `${r.members} members: plan -refresh=false (no agent reads)`, value: `${r.planNoRefreshS.toFixed(2)} s` },
      { metric: `${r.members} members: building the state (apply -parallelism=${APPLY_PARALLELISM})`, value: `${r.applyS.toFixed(1)} s` },
    ]);
    return {
      name: 'terraform-plan',
      ...benchTiming(bench),
      environment: { terraform: version.terraform_version ?? 'unknown', agentDriver: 'local' },
      sections: [
        {
          title: `terraform plan, one pool with N members in state`,
          rows,
          notes: [
            `\`terraform plan -detailed-exitcode -parallelism=${PLAN_PARALLELISM}\` in a workdir with a local filesystem mirror (${path.basename(cli)}), wall time including every provider launch; each plan is empty (exit 0).`,
            `requests: lbaas_http_requests_total summed over method/code from GET /metrics before and after each plan, less the ${scrapeCost} request(s) the scrape itself adds; per resource = / (members + 1 pool).`,
            'No VIP: no HAProxy runs, so the figures are Terraform + provider + agent API only. plan -refresh=false shows what Terraform and the provider cost without any agent read.',
          ],
        },
      ],
      data: { sizes: SIZES, runs: RUNS, planParallelism: PLAN_PARALLELISM, applyParallelism: APPLY_PARALLELISM, scrapeCost, results },
    };
  },
};
