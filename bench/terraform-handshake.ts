/**
 * Benchmark "terraform-handshake" (issues 4, 13): launch-to-handshake time of
 * the provider, side by side as the single executable (what
 * `provider:install` and `provider:release` ship) and as the Node script
 * bundle (`provider:install --script`), p50 over 20
 * launches started the way Terraform starts it, AutoMTLS included, each one
 * closed with GRPCController.Shutdown. Terraform starts the provider several
 * times per command, so this is paid on every plan and apply. For reference:
 * a bare `node -e ''`, and the same launch without AutoMTLS.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installProvider } from '../scripts/provider-install.js';
import type { Benchmark } from './benchmark.js';
import type { BenchReport, Row } from './report.js';
import { benchTiming, startBench } from './support/machine.js';
import { summarize, type Summary } from './support/stats.js';
import { launchProvider, pluginEnv, shutdownProvider, terraformClientCert, timeBareNode, type ClientCert } from './terraform-launch.js';
import type { Cleanup } from './support/cleanup.js';

const LAUNCHES = 20;
/** Untimed launches first: the bundle and node itself into the page cache, as on any machine that ran terraform before. */
const WARMUP = 2;
const GOAL_MS = 150;

interface Series {
  handshakeMs: number[];
  shutdownMs: number[];
}

async function series(file: string, cert: ClientCert | undefined, n: number, cleanup: Cleanup): Promise<Series> {
  const out: Series = { handshakeMs: [], shutdownMs: [] };
  for (let i = 0; i < WARMUP + n; i++) {
    const p = await launchProvider(file, pluginEnv(cert), cleanup);
    const shutdownMs = await shutdownProvider(p, cert);
    if (i < WARMUP) continue;
    out.handshakeMs.push(p.handshakeMs);
    out.shutdownMs.push(shutdownMs);
  }
  return out;
}

const fmt = (s: Summary | null) => (s ? `p50 ${s.p50.toFixed(0)} ms (min ${s.min.toFixed(0)}, p90 ${s.p90.toFixed(0)}, max ${s.max.toFixed(0)}; n=${s.n})` : 'n/a');

export const terraformHandshake: Benchmark = {
  name: 'terraform-handshake',
  description: `provider (single executable and script bundle): launch-to-handshake p50 over ${LAUNCHES} launches with AutoMTLS (goal <= ${GOAL_MS} ms), vs node -e ''`,
  async run({ cleanup, log }): Promise<BenchReport> {
    const bench = await startBench();
    const mirror = mkdtempSync(path.join(tmpdir(), 'lbaas-bench-mirror-'));
    cleanup.add(`mirror ${mirror}`, () => rmSync(mirror, { recursive: true, force: true }));
    log('building the provider (provider:install into a temp mirror, executable and --script)');
    const installed = await installProvider({ dir: path.join(mirror, 'exe') });
    const script = await installProvider({ dir: path.join(mirror, 'script'), script: true });
    const cert = await terraformClientCert();

    log(`${LAUNCHES} launches of the single executable with AutoMTLS (+${WARMUP} warm-up)`);
    const mtls = await series(installed.file, cert, LAUNCHES, cleanup);
    log(`${LAUNCHES} launches of the script bundle with AutoMTLS`);
    const scriptMtls = await series(script.file, cert, LAUNCHES, cleanup);
    log(`${LAUNCHES} launches of the single executable without AutoMTLS`);
    const plain = await series(installed.file, undefined, LAUNCHES, cleanup);
    log(`${LAUNCHES} runs of node -e ''`);
    const bare: number[] = [];
    for (let i = 0; i < WARMUP + LAUNCHES; i++) {
      const ms = await timeBareNode();
      if (i >= WARMUP) bare.push(ms);
    }

    const hs = summarize(mtls.handshakeMs);
    const bareS = summarize(bare);
    const plainS = summarize(plain.handshakeMs);
    const scriptS = summarize(scriptMtls.handshakeMs);
    const rows: Row[] = [
      { metric: 'single executable: launch → handshake line, AutoMTLS (as under terraform)', value: fmt(hs), goal: `p50 <= ${GOAL_MS} ms`, ...(hs ? { met: hs.p50 <= GOAL_MS } : {}) },
      { metric: 'script bundle (#!/usr/bin/env node): launch → handshake, AutoMTLS', value: fmt(scriptS), goal: `p50 <= ${GOAL_MS} ms`, ...(scriptS ? { met: scriptS.p50 <= GOAL_MS } : {}) },
      { metric: 'single executable: launch → handshake line, no client cert (plaintext)', value: fmt(plainS) },
      { metric: "node -e '' spawn → exit (reference)", value: fmt(bareS) },
      { metric: 'provider cost above bare node (p50, AutoMTLS)', value: hs && bareS ? `${(hs.p50 - bareS.p50).toFixed(0)} ms` : 'n/a' },
      { metric: 'Shutdown sent at once after the handshake → exit (AutoMTLS)', value: fmt(summarize(mtls.shutdownMs)), goal: '< 2000 ms (go-plugin SIGKILLs then)', met: Math.max(...mtls.shutdownMs) < 2000 },
      { metric: 'single executable size', value: `${(statSync(installed.file).size / 2 ** 20).toFixed(1)} MiB` },
      { metric: 'script bundle size', value: `${(statSync(script.file).size / 2 ** 20).toFixed(2)} MiB` },
    ];
    return {
      name: 'terraform-handshake',
      ...benchTiming(bench),
      environment: { provider: `${installed.source} ${installed.version}` },
      sections: [
        {
          title: `provider launch, ${LAUNCHES} sequential launches each`,
          rows,
          notes: [
            'Launched as go-plugin does: the file itself (the executable, or the script through its #!/usr/bin/env node), TF_PLUGIN_MAGIC_COOKIE, PLUGIN_MIN/MAX_PORT, PLUGIN_PROTOCOL_VERSIONS=6, PLUGIN_CLIENT_CERT (ECDSA P-521 like Terraform\'s).',
            'Timed from spawn until the handshake line is read from stdout; each launch then closed with GRPCController.Shutdown over mutual TLS.',
            `${WARMUP} untimed warm-up launches per series. Shutdown → exit includes the module loading the provider defers until after the handshake (it answers once that is done).`,
          ],
        },
      ],
      data: { goalMs: GOAL_MS, launches: LAUNCHES, warmup: WARMUP, autoMtls: { ...mtls, summary: hs }, scriptAutoMtls: { ...scriptMtls, summary: scriptS }, plaintext: { ...plain, summary: plainS }, bareNodeMs: bare, bareNode: bareS, executableBytes: statSync(installed.file).size, bundleBytes: statSync(script.file).size },
    };
  },
};
