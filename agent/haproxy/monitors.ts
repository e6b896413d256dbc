/**
 * Health monitors → HAProxy check settings. Several monitors on one pool are
 * ANDed into one check rule sequence (HAProxy 2.2+): a member is up only when
 * every probe of the sequence passes. The v1 agent silently used the first.
 * PING has no HAProxy equivalent (no ICMP checks); like v1 it is a TCP connect
 * to the member port, and the agent reports that as a capability.
 */
import { expandExpectedCodes } from '../../schema/health-monitor.js';
import type { MonitorModel } from './model.js';

export interface CheckConfig {
  /** Lines for the backend section. */
  backendLines: string[];
  /** Options appended to each server line (`check …`), empty when unmonitored. */
  serverOptions: string;
}

function expectRegex(codes: string): string {
  return `^(${expandExpectedCodes(codes).join('|')})$`;
}

function probeLines(m: MonitorModel): string[] {
  const ssl = m.type === 'HTTPS' ? ' ssl' : '';
  const lines = [`http-check connect${ssl}`];
  if (m.type === 'HTTP' || m.type === 'HTTPS') {
    lines.push(`http-check send meth ${m.http_method ?? 'GET'} uri ${m.url_path ?? '/'} ver HTTP/1.0`);
    lines.push(`http-check expect rstatus ${expectRegex(m.expected_codes ?? '200')}`);
  }
  return lines;
}

export function renderChecks(monitors: MonitorModel[]): CheckConfig {
  if (monitors.length === 0) return { backendLines: [], serverOptions: '' };
  // One check cadence for the sequence: the most frequent delay, the smallest retry count
  // (the strictest monitor decides), and a timeout no longer than the interval.
  const inter = Math.min(...monitors.map((m) => m.delay));
  const fall = Math.min(...monitors.map((m) => m.max_retries));
  const timeout = Math.min(Math.max(...monitors.map((m) => m.timeout)), inter);
  const lines = [`timeout check ${timeout}s`];
  const needsHttp = monitors.some((m) => m.type === 'HTTP' || m.type === 'HTTPS');
  if (needsHttp || monitors.length > 1) {
    lines.push('option httpchk');
    for (const m of monitors) lines.push(...probeLines(m));
  }
  const tls = monitors.some((m) => m.type === 'HTTPS') ? ' verify none' : '';
  return { backendLines: lines, serverOptions: `check inter ${inter}s fall ${fall} rise ${fall}${tls}` };
}
