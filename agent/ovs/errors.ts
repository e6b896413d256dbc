/**
 * Typed failures of the Open vSwitch layer. Codes are stable (callers and the
 * audit switch on them); the underlying CommandError stays reachable as `cause`.
 */
export type OvsErrorCode =
  /** No OVS database answers at the configured (or default) socket. */
  | 'OVS_UNREACHABLE'
  /** ovs-vsctl ran and failed (or timed out) for another reason. */
  | 'OVS_COMMAND_FAILED'
  /** ovs-vsctl answered with something we could not parse. */
  | 'OVS_BAD_OUTPUT'
  /** A bridge could not be created or is not usable (e.g. its datapath failed to open). */
  | 'OVS_BRIDGE_FAILED'
  /** The port or bridge exists but does not carry this agent's ownership marker. */
  | 'OVS_NOT_OWNED'
  /** A name, id or tag was refused before anything ran. */
  | 'OVS_INVALID_ARGUMENT';

export class OvsError extends Error {
  override readonly name = 'OvsError';
  constructor(
    readonly code: OvsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isOvsError(e: unknown, code?: OvsErrorCode): e is OvsError {
  return e instanceof OvsError && (code === undefined || e.code === code);
}
