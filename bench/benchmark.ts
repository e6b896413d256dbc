/** What a benchmark module provides to bench/run.ts. */
import type { BenchReport } from './report.js';
import type { Cleanup } from './support/cleanup.js';

export interface BenchContext {
  /** Register everything started here; run.ts stops it all afterwards, also after a failure or Ctrl-C. */
  cleanup: Cleanup;
  /** Progress line on stderr (the table goes to stdout). */
  log(message: string): void;
}

export interface Benchmark {
  /** Also the results file name (bench/results/<name>.json) and the filter `run.js` accepts. */
  name: string;
  description: string;
  /** Tool groups of scripts/deps/catalogue.ts it needs: without one, run.ts skips it, saying why. */
  requires?: readonly string[];
  run(ctx: BenchContext): Promise<BenchReport>;
}
