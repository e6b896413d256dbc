/**
 * Value schemas shared by the objects. Anything that can end up in a HAProxy
 * configuration or a command line is constrained here, at validation, so that
 * later layers never have to escape user input.
 */
import { z } from 'zod';
import { published } from './published.js';

/** C0 and C1 control characters, DEL, and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

export const Id = z.uuid({ error: 'must be a UUID' });

export const Name = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(255, { error: 'must be at most 255 characters' })
  .regex(NO_CONTROL, { error: 'must not contain newlines or control characters' });

export const Description = z
  .string()
  .max(1024, { error: 'must be at most 1024 characters' })
  .regex(NO_CONTROL, { error: 'must not contain newlines or control characters' });

/** A network name from the agent's config (also used as `subnet`). */
export const NetworkName = published(
  z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { error: 'must be 1-32 characters of a-z, 0-9, "_" or "-"' }),
  // The set of networks is the agent's config: the document lists the ones this agent has.
  (c) => ({ enum: [...c.networks] }),
);

export const IPv4 = z.ipv4({ error: 'must be an IPv4 address' });

export const Port = z
  .int({ error: 'must be an integer' })
  .min(1, { error: 'must be between 1 and 65535' })
  .max(65535, { error: 'must be between 1 and 65535' });

export const AdminStateUp = z.boolean({ error: 'must be a boolean' });

export const Protocol = z.enum(['TCP', 'HTTP', 'HTTPS'], { error: 'must be one of TCP, HTTP, HTTPS' });
export type Protocol = z.infer<typeof Protocol>;

export const ProvisioningStatus = z.enum(['PENDING_CREATE', 'PENDING_UPDATE', 'PENDING_DELETE', 'ACTIVE', 'ERROR']);
export type ProvisioningStatus = z.infer<typeof ProvisioningStatus>;

export const OperatingStatus = z.enum(['ONLINE', 'OFFLINE', 'DEGRADED', 'ERROR', 'DRAINING', 'NO_MONITOR']);
export type OperatingStatus = z.infer<typeof OperatingStatus>;

export const DriftEvent = z.object({
  at: z.string().describe('When the audit saw it (RFC 3339).'),
  kind: z.string().describe('What drifted, e.g. haproxy_not_running, config_modified, namespace_missing.'),
  detail: z.string().describe('What the audit found and did.'),
  repaired: z.boolean().describe('Whether the agent brought the data plane back to the desired state.'),
});
export type DriftEvent = z.infer<typeof DriftEvent>;

export const Timestamp = z.string().describe('RFC 3339 time');

export function isIPv4(s: string): boolean {
  return IPv4.safeParse(s).success;
}

export function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function intToIPv4(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** Parse "a.b.c.d/len" into numeric network bounds. */
export function parseCidr(cidr: string): { base: number; prefix: number; first: number; last: number } {
  const [ip, len] = cidr.split('/');
  const prefix = Number(len);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(ipv4ToInt(ip!) / size) * size;
  return { base, prefix, first: base, last: base + size - 1 };
}

export function cidrContains(cidr: string, ip: string): boolean {
  const { first, last } = parseCidr(cidr);
  const n = ipv4ToInt(ip);
  return n >= first && n <= last;
}
