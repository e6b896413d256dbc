import type { Problem } from '../schema/problem.js';

/** An error answer of the agent, with its problem+json body. */
export class ApiError extends Error {
  readonly code: string;
  constructor(
    readonly status: number,
    readonly problem: Problem,
    options?: { cause?: unknown },
  ) {
    const fields = (problem.errors ?? []).map((e) => `${e.field}: ${e.message}`).join('; ');
    super(`${problem.title} (${status}): ${problem.detail}${fields ? ` [${fields}]` : ''}`, options);
    this.code = problem.code;
  }
}
