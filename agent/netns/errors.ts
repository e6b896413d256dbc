/** Typed failures of the namespace layer; stable codes, original error as `cause`. */
export type NetnsErrorCode =
  /** A pool id that is not a UUID (ids become interface and namespace names: refuse early). */
  | 'NETNS_INVALID_ID'
  /** A namespace or device named like ours lacks this agent's ownership marker: left alone. */
  | 'NETNS_NOT_OWNED'
  /** `ip`, `sysctl` or `ethtool` failed. */
  | 'NETNS_COMMAND_FAILED'
  /** `ip -j` printed something we could not parse. */
  | 'NETNS_BAD_OUTPUT';

export class NetnsError extends Error {
  override readonly name = 'NetnsError';
  constructor(
    readonly code: NetnsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isNetnsError(e: unknown, code?: NetnsErrorCode): e is NetnsError {
  return e instanceof NetnsError && (code === undefined || e.code === code);
}
