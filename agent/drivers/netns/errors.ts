/** Typed failures of the netns driver itself (the layers below throw OvsError / NetnsError). */
export type NetnsDriverErrorCode =
  /** Constructor options rejected (agent id, state dir, ovsDb, networks). */
  | 'NETNS_DRIVER_INVALID_OPTIONS'
  /** No OVS database answered at start. */
  | 'NETNS_DRIVER_OVS_UNREACHABLE'
  /** unplug found pieces named like the pool's that lack our marker; it removed ours and left those. */
  | 'NETNS_DRIVER_NOT_OWNED'
  /** The host did something we cannot work around (e.g. OVS created no device for an internal port). */
  | 'NETNS_DRIVER_PLUG_FAILED';

export class NetnsDriverError extends Error {
  override readonly name = 'NetnsDriverError';
  constructor(
    readonly code: NetnsDriverErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** unplug removed what was ours and refused the rest (see NETNS_DRIVER_NOT_OWNED). */
export function isNetnsDriverNotOwned(e: unknown): e is NetnsDriverError {
  return e instanceof NetnsDriverError && e.code === 'NETNS_DRIVER_NOT_OWNED';
}
