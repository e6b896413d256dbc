/**
 * Gratuitous ARP after plugging or moving the VIP, so the bridge and the
 * neighbours learn where the address lives now. Neutron v1 sent it only when
 * the subnet had a gateway; we send it always (peers on the same segment need
 * it just as much).
 *
 * It runs in the background: `arping -c 3` takes about a second and nobody
 * should wait for it (HAProxy can already serve). A failed arping never fails
 * a plug. Sends are serialised per pool; `settle()` waits for them, which
 * tests and `unplug` use so no arping outlives its namespace.
 */
import { run } from '../exec/run.js';

/** Three announcements, as v1 and DESIGN.md: one lost frame must not leave peers with a stale entry. */
export const GARP_COUNT = 3;
/** Seconds between announcements: spread a little, but done in ~1 s instead of arping's default 3 s. */
export const GARP_INTERVAL_S = 0.5;
/** Deadline for one arping run (it ends by itself after GARP_COUNT sends). */
const GARP_TIMEOUT_MS = 5_000;

export type GarpErrorHandler = (poolId: string, error: unknown) => void;

export class GarpSender {
  private readonly pending = new Map<string, Promise<void>>();
  constructor(private readonly onError: GarpErrorHandler = () => undefined) {}

  /** Start announcing `address` on `dev` inside `ns`; returns at once. */
  send(poolId: string, ns: string, dev: string, address: string): void {
    const prev = this.pending.get(poolId) ?? Promise.resolve();
    const next = prev.then(async () => {
      // `-U` unsolicited (source and target = address); `-I` is accepted by both
      // Habets' arping (Debian's) and iputils arping. Exit status 1 just means
      // "no replies", which is what unsolicited ARP expects: only a thrown
      // error (missing binary, timeout) is worth reporting.
      await run('arping', ['-U', '-c', String(GARP_COUNT), '-W', String(GARP_INTERVAL_S), '-I', dev, address], {
        netns: ns,
        reject: false,
        timeoutMs: GARP_TIMEOUT_MS,
      });
    }).catch((e: unknown) => this.onError(poolId, e));
    this.pending.set(poolId, next);
    void next.finally(() => {
      if (this.pending.get(poolId) === next) this.pending.delete(poolId);
    });
  }

  /** Wait for the pool's (or every pool's) announcements to finish. */
  async settle(poolId?: string): Promise<void> {
    if (poolId !== undefined) {
      await this.pending.get(poolId);
      return;
    }
    await Promise.all([...this.pending.values()]);
  }
}
