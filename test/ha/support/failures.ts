/**
 * The failures an ACTIVE_STANDBY pair must survive, injected on one side the
 * way they happen: a crash is kill -9 (no clean-up by the victim), a lost
 * host is its link cut, then every process gone and its namespace with them.
 */
import { run } from '../../../agent/exec/run.js';
import type { Pair, Side } from './pair.js';
import { kill9 } from './observe.js';

export type FailureKind = 'haproxy-kill' | 'keepalived-kill' | 'host-loss';
export const FAILURE_KINDS: readonly FailureKind[] = ['haproxy-kill', 'keepalived-kill', 'host-loss'];

export async function injectFailure(p: Pair, s: Side, kind: FailureKind): Promise<void> {
  const ka = s.member.keepalived(p.poolId);
  const { parent, vrrp } = ka?.pids() ?? { parent: undefined, vrrp: undefined };
  switch (kind) {
    case 'haproxy-kill':
      kill9(p.haproxyPids(s));
      return;
    case 'keepalived-kill':
      kill9([parent, vrrp]);
      return;
    case 'host-loss':
      // The wire first, so the dying side cannot say goodbye (no priority-0 advert): as a power cut.
      if (s.last?.portId) await run('ip', ['link', 'delete', 'dev', s.last.portId], { reject: false });
      kill9([parent, vrrp, ...p.haproxyPids(s)]);
      await s.driver.settle();
      await run('ip', ['netns', 'delete', s.netns()]);
      return;
  }
}
