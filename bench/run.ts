/**
 * `npm run bench` / `node dist/bench/run.js [name …]`: runs every benchmark
 * of bench/registry.ts (or those named), prints each one's table and writes
 * bench/results/<name>.json. Whatever a benchmark started is stopped when it
 * ends, fails, or the run is interrupted. A benchmark whose tools
 * (`requires`, scripts/deps/catalogue.ts) are unusable here is skipped, naming
 * why and what enables it. Exit code 1 only when a benchmark failed; figures
 * outside their goals are reported, not failed.
 */
// /usr/sbin, the tool venv and ~/go/bin on PATH for the commands benchmarks start.
import '../test/harness/tool-path.js';
import { missingReason } from '../scripts/deps/locate.js';
import { formatReport, writeReport } from './report.js';
import { BENCHMARKS } from './registry.js';
import { Cleanup } from './support/cleanup.js';

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(`Usage: node dist/bench/run.js [name …]\n\nBenchmarks:\n${BENCHMARKS.map((b) => `  ${b.name.padEnd(16)} ${b.description}`).join('\n')}`);
    return 0;
  }
  const unknown = argv.filter((a) => !BENCHMARKS.some((b) => b.name === a));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = argv.length ? BENCHMARKS.filter((b) => argv.includes(b.name)) : BENCHMARKS;
  let current: Cleanup | undefined;
  let stopping = false;
  const interrupted = (signal: NodeJS.Signals) => {
    if (stopping) {
      log(`${signal} again: exiting without waiting for the cleanup`);
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: stopping what the benchmark started`);
    void (current?.run() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  // `on`, not `once`: execa's signal-exit re-raises the signal (killing us before the cleanup ran)
  // when it finds no other listener left at that moment.
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);

  const failed: string[] = [];
  const skipped: string[] = [];
  for (const b of selected) {
    const reasons = (b.requires ?? []).flatMap((g) => missingReason(g, 'npm run bench') ?? []);
    if (reasons.length) {
      skipped.push(b.name);
      log(`${b.name}: skipped — ${reasons.join(' · ')}`);
      continue;
    }
    const cleanup = (current = new Cleanup());
    log(`${b.name}: ${b.description}`);
    try {
      const report = await b.run({ cleanup, log });
      console.log(formatReport(report));
      log(`${b.name}: results in ${writeReport(report)}`);
    } catch (err) {
      failed.push(b.name);
      log(`${b.name} could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    } finally {
      await cleanup.run();
      current = undefined;
    }
  }
  const ran = selected.length - skipped.length - failed.length;
  log(`${ran} of ${selected.length} benchmarks ran${failed.length ? `; failed: ${failed.join(', ')}` : ''}${skipped.length ? `; skipped (why above): ${skipped.join(', ')}` : ''}`);
  return failed.length ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
