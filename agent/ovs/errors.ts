/**
 * Typed failures of the Open vSwitch layer. Codes are stable (callers and the
 * audit switch on them); the underlying CommandError stays reachable as `cause`.
 */
import { CodedError, hasCode } from '../errors.js';

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

export class OvsError extends CodedError<OvsErrorCode> {
  override readonly name = 'OvsError';
}

export function isOvsError(e: unknown, code?: OvsErrorCode): e is OvsError {
  return hasCode(OvsError, e, code);
}
