/**
 * Collects what a plug found wrong and fixed. `quiet` pieces are consequences
 * of something already reported (everything inside a namespace that had to be
 * created is necessarily missing), recorded as a change but not as drift.
 */
import type { PlumbingDrift } from '../driver.js';

export class DriftLog {
  readonly items: PlumbingDrift[] = [];
  /** Something on the data path changed (then we announce the VIP with GARP). */
  changed = false;
  /**
   * 'all': add() records only that a change happened; 'devices': the same
   * except for OVS port findings (`port_*`), which stay reportable.
   */
  quiet: false | 'all' | 'devices' = false;

  add(kind: string, detail: string): void {
    this.changed = true;
    if (this.quiet === 'all' || (this.quiet === 'devices' && !kind.startsWith('port_'))) return;
    this.items.push({ kind, detail, repaired: true });
  }

  addAll(items: readonly PlumbingDrift[]): void {
    for (const d of items) this.add(d.kind, d.detail);
  }
}
