/**
 * The mixed changes applied under load, as data: generated from a seeded
 * PRNG against a model of the pool, so the agent and the naive restart get
 * exactly the same sequence and every change is valid where it lands (the
 * pool keeps at least two members that can serve, so no failure comes from
 * the plan itself).
 */
import { seededRandom } from '../support/stats.js';

export interface MemberState {
  weight: number;
  adminUp: boolean;
}

/** The HTTP monitor is always on the pool; the TCP one is attached and detached. */
export interface PoolState {
  /** By backend index (the member's address:port is that backend). */
  members: Map<number, MemberState>;
  http: { delay: number; timeout: number; maxRetries: number; expectedCodes: string };
  tcpAttached: boolean;
}

export type Change =
  | { kind: 'weight'; backend: number; weight: number }
  | { kind: 'admin-state'; backend: number; up: boolean }
  | { kind: 'add-member'; backend: number; weight: number }
  | { kind: 'remove-member'; backend: number }
  | { kind: 'monitor-update'; delay: number; timeout: number; maxRetries: number; expectedCodes: string }
  | { kind: 'monitor-attach' }
  | { kind: 'monitor-detach' };

export type ChangeClass = 'runtime' | 'reload';

/** What DESIGN.md says each change needs: weight and admin state go through the runtime API, the rest reloads. */
export function changeClass(c: Change): ChangeClass {
  return c.kind === 'weight' || c.kind === 'admin-state' ? 'runtime' : 'reload';
}

/**
 * The TCP monitor checks every second, faster than any delay the HTTP one gets (2–5 s): attaching it
 * always changes the check interval, so attach and detach always change the config.
 */
export const TCP_MONITOR = { delay: 1, timeout: 1, maxRetries: 5 } as const;

const MIN_MEMBERS = 3;
const MAX_MEMBERS = 8;
/** Members that are admin-up with weight > 0 never drop below this. */
const MIN_SERVING = 2;
const EXPECTED_CODES = ['200', '200-204', '200,202'];

export function initialState(initialMembers: number): PoolState {
  const members = new Map<number, MemberState>();
  for (let i = 0; i < initialMembers; i++) members.set(i, { weight: 1, adminUp: true });
  return { members, http: { delay: 2, timeout: 1, maxRetries: 3, expectedCodes: '200' }, tcpAttached: false };
}

export function cloneState(s: PoolState): PoolState {
  return { members: new Map([...s.members].map(([k, v]) => [k, { ...v }])), http: { ...s.http }, tcpAttached: s.tcpAttached };
}

export function applyToState(s: PoolState, c: Change): void {
  switch (c.kind) {
    case 'weight':
      s.members.get(c.backend)!.weight = c.weight;
      break;
    case 'admin-state':
      s.members.get(c.backend)!.adminUp = c.up;
      break;
    case 'add-member':
      s.members.set(c.backend, { weight: c.weight, adminUp: true });
      break;
    case 'remove-member':
      s.members.delete(c.backend);
      break;
    case 'monitor-update':
      s.http = { delay: c.delay, timeout: c.timeout, maxRetries: c.maxRetries, expectedCodes: c.expectedCodes };
      break;
    case 'monitor-attach':
      s.tcpAttached = true;
      break;
    case 'monitor-detach':
      s.tcpAttached = false;
      break;
  }
}

function serving(s: PoolState, except?: number): number {
  return [...s.members].filter(([b, m]) => b !== except && m.adminUp && m.weight > 0).length;
}

/**
 * Mix: `runtimeShare` runtime changes (weight and admin state, half each); the
 * rest structural: 30 % add, 30 % remove, 20 % monitor update, 20 % monitor
 * attach/detach.
 */
function nextChange(s: PoolState, backends: number, rnd: () => number, runtimeShare: number): Change {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const present = [...s.members.keys()];
  for (;;) {
    if (rnd() < runtimeShare) {
      const backend = pick(present);
      if (rnd() < 0.5) {
        // Weight 0 (drain) only where enough others still serve.
        const weight = serving(s, backend) >= MIN_SERVING ? int(0, 10) : int(1, 10);
        if (weight !== s.members.get(backend)!.weight) return { kind: 'weight', backend, weight };
      } else {
        const up = !s.members.get(backend)!.adminUp;
        if (up || serving(s, backend) >= MIN_SERVING) return { kind: 'admin-state', backend, up };
      }
      continue;
    }
    const r = rnd();
    if (r < 0.3) {
      const absent = Array.from({ length: backends }, (_, i) => i).filter((i) => !s.members.has(i));
      if (present.length < MAX_MEMBERS && absent.length) return { kind: 'add-member', backend: pick(absent), weight: int(1, 10) };
    } else if (r < 0.6) {
      const backend = pick(present);
      if (present.length > MIN_MEMBERS && serving(s, backend) >= MIN_SERVING) return { kind: 'remove-member', backend };
    } else if (r < 0.8) {
      const delay = int(2, 5);
      const next = { delay, timeout: int(1, delay), maxRetries: int(2, 4), expectedCodes: pick(EXPECTED_CODES) };
      // Expected codes are always in the rendered check (the delay is not while the TCP monitor's
      // faster interval wins), so a changed value guarantees a changed config.
      if (next.expectedCodes !== s.http.expectedCodes) return { kind: 'monitor-update', ...next };
    } else {
      return { kind: s.tcpAttached ? 'monitor-detach' : 'monitor-attach' };
    }
  }
}

/** `n` changes starting from `s` (which is advanced to the state after them). */
export function planChanges(s: PoolState, n: number, backends: number, seed: number, runtimeShare = 0.5): Change[] {
  const rnd = seededRandom(seed);
  const out: Change[] = [];
  for (let i = 0; i < n; i++) {
    const c = nextChange(s, backends, rnd, runtimeShare);
    applyToState(s, c);
    out.push(c);
  }
  return out;
}
