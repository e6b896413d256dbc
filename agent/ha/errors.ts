/** Typed failures of the HA data plane (agent/ha/). */
export type HaErrorCode =
  /** This agent is not one of the pool's hosting agents. */
  | 'HA_NOT_ASSIGNED'
  /** The assignment has no second agent. */
  | 'HA_NO_PEER'
  /** The driver has no namespace to run keepalived in (local driver). */
  | 'HA_NEEDS_NETNS';

export class HaError extends Error {
  override readonly name = 'HaError';
  constructor(
    readonly code: HaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
