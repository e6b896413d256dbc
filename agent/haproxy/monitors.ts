/**
 * Health monitors → HAProxy check settings. Several monitors on one pool are
 * ANDed into one check rule sequence (HAProxy 2.2+): a member is up only when
 * every probe of the sequence passes. The v1 agent silently used the first.
 * PING has no HAProxy equivalent (no ICMP checks); like v1 it is a TCP connect
 * to the member port, and the agent reports that as a capability.
 *
 * PING and TCP probes are connect-only. An HTTP or HTTPS probe connects to the
 * same member port before it sends, so it already implies them: with at least
 * one HTTP(S) monitor the sequence holds only the HTTP(S) probes, and with
 * connect-only monitors alone a plain `check` (a TCP connect) is their AND.
 * Rendering them as rules is not an option: HAProxy rejects an
 * `http-check connect` that no `expect` follows ("missing expect rule").
 */
import { expandExpectedCodes } from '../../schema/health-monitor.js';
import type { MonitorModel } from './model.js';

export interface CheckConfig {
  /** Lines for the backend section. */
  backendLines: string[];
  /** Options appended to each server line (`check …`), empty when unmonitored. */
  serverOptions: string;
}

function isHttpProbe(m: MonitorModel): boolean {
  return m.type === 'HTTP' || m.type === 'HTTPS';
}

function expectRegex(codes: string): string {
  return `^(${expandExpectedCodes(codes).join('|')})$`;
}

/**
 * A URL path as one HAProxy config word. schema/ admits only RFC 3986
 * characters; of those, HAProxy's line parser treats only `'` specially (it
 * opens a quoted string), so it is escaped.
 */
export function configWord(path: string): string {
  return path.replace(/'/g, "\\'");
}

function probeLines(m: MonitorModel): string[] {
  const ssl = m.type === 'HTTPS' ? ' ssl' : '';
  return [
    `http-check connect${ssl}`,
    `http-check send meth ${m.http_method ?? 'GET'} uri ${configWord(m.url_path ?? '/')} ver HTTP/1.0`,
    `http-check expect rstatus ${expectRegex(m.expected_codes ?? '200')}`,
  ];
}

export function renderChecks(monitors: MonitorModel[]): CheckConfig {
  if (monitors.length === 0) return { backendLines: [], serverOptions: '' };
  // One check cadence for the sequence: the most frequent delay, the smallest retry count
  // (the strictest monitor decides), and a timeout no longer than the interval.
  const inter = Math.min(...monitors.map((m) => m.delay));
  const fall = Math.min(...monitors.map((m) => m.max_retries));
  const timeout = Math.min(Math.max(...monitors.map((m) => m.timeout)), inter);
  const lines = [`timeout check ${timeout}s`];
  const probes = monitors.filter(isHttpProbe);
  if (probes.length > 0) {
    lines.push('option httpchk');
    for (const m of probes) lines.push(...probeLines(m));
  }
  const tls = probes.some((m) => m.type === 'HTTPS') ? ' verify none' : '';
  return { backendLines: lines, serverOptions: `check inter ${inter}s fall ${fall} rise ${fall}${tls}` };
}
