/** One bad request and what the agent must answer. */
import type { LiveLb } from '../support/live-lb.js';

export interface BadCase {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: (c: LiveLb) => string;
  /** JSON body built from the live objects; a string or Buffer is sent as raw bytes. */
  body?: (c: LiveLb) => unknown;
  headers?: Record<string, string>;
  /** Send these bytes on a bare TCP connection instead (method/path/body are then only labels). */
  wire?: string;
  status: number;
  /** Field that errors[].field (or, without errors, the detail) must name. */
  field?: string;
  /** Extra checks on the problem body. */
  check?: (problem: { referrers?: { kind: string; id: string }[]; detail: string }, c: LiveLb) => string | undefined;
}

export const NOT_THERE = '00000000-0000-4000-8000-000000000000';

export const pool = (o: Record<string, unknown> = {}) => ({ name: 'p', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', ...o });
export const member = (c: LiveLb, o: Record<string, unknown> = {}) => ({ pool_id: c.poolId, address: '127.0.0.1', protocol_port: 1, ...o });
export const monitor = (o: Record<string, unknown> = {}) => ({ type: 'HTTP', delay: 5, timeout: 2, max_retries: 3, ...o });
/** A VIP for the TCP pool (which has none yet), on an address no test uses. */
export const vip = (c: LiveLb, o: Record<string, unknown> = {}) => ({
  name: 'v',
  pool_id: c.tcpPoolId,
  subnet: 'local',
  protocol: 'TCP',
  protocol_port: 1,
  address: '127.99.0.1',
  ...o,
});
