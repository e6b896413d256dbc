/**
 * Everything a benchmark starts registers how to stop it here. `run()` stops
 * them in reverse order, even after a failure, and never throws: one failing
 * step must not leave the others running.
 */

type Step = { name: string; fn: () => Promise<void> | void };

export class Cleanup {
  private readonly steps: Step[] = [];

  /** Register a stop step; returns a function that runs it now (and only once). */
  add(name: string, fn: () => Promise<void> | void): () => Promise<void> {
    const step: Step = { name, fn };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await runStep(step);
    };
  }

  async run(): Promise<void> {
    while (this.steps.length) await runStep(this.steps.pop()!);
  }
}

async function runStep(s: Step): Promise<void> {
  try {
    await s.fn();
  } catch (err) {
    console.error(`cleanup "${s.name}" failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
