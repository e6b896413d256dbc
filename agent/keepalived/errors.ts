/** Typed failures of the keepalived module, with a stable code and the original as `cause`. */
export type KeepalivedErrorCode =
  /** A value would not make a safe or valid keepalived.conf (names the field). */
  | 'KEEPALIVED_INVALID'
  /** `keepalived -t` refused the staged config (kept as keepalived.conf.failed). */
  | 'KEEPALIVED_CONFIG_REJECTED'
  /** The process did not start, or did not stop. */
  | 'KEEPALIVED_PROCESS'
  /** A script keepalived would run is not root-owned or is writable by others. */
  | 'KEEPALIVED_SCRIPT_INSECURE';

export class KeepalivedError extends Error {
  override readonly name = 'KeepalivedError';
  constructor(
    readonly code: KeepalivedErrorCode,
    message: string,
    /** The input field at fault, for KEEPALIVED_INVALID. */
    readonly field?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
