/** Typed failures of the namespace layer; stable codes, original error as `cause`. */
import { CodedError, hasCode } from '../errors.js';

export type NetnsErrorCode =
  /** A pool id that is not a UUID (ids become interface and namespace names: refuse early). */
  | 'NETNS_INVALID_ID'
  /** A namespace or device named like ours lacks this agent's ownership marker: left alone. */
  | 'NETNS_NOT_OWNED'
  /** `ip`, `sysctl` or `ethtool` failed. */
  | 'NETNS_COMMAND_FAILED'
  /** `ip -j` printed something we could not parse. */
  | 'NETNS_BAD_OUTPUT';

export class NetnsError extends CodedError<NetnsErrorCode> {
  override readonly name = 'NetnsError';
}

export function isNetnsError(e: unknown, code?: NetnsErrorCode): e is NetnsError {
  return hasCode(NetnsError, e, code);
}
