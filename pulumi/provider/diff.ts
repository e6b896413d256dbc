/**
 * diff: compare the new inputs (after check) with the old outputs. Fields the
 * schema marks force-new are returned as `replaces` (read from the attribute
 * metadata); a changed setting (endpoint, token, waitSeconds) or an object
 * the agent reports out of sync is an in-place update.
 */
import type { dynamic } from '@pulumi/pulumi';
import { forceNewKeys, writableKeys, type Attrs } from '../../schema/attr.js';
import { RESOURCES, type Kind } from '../../schema/resources.js';
import { SETTING_KEYS } from './settings.js';
import { containsUnknown, sameValue } from './values.js';

/** Fields whose new value differs from the old output (an unknown new value counts as a change). */
export function changedFields(kind: Kind, olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  const attrs: Attrs = RESOURCES[kind].attrs;
  const changed: string[] = [];
  for (const k of writableKeys(attrs)) {
    const n = news[k];
    if (containsUnknown(n)) {
      changed.push(k);
      continue;
    }
    // Not given, and the agent picks it (a VIP address): whatever it picked stays.
    if ((n === undefined || n === null) && attrs[k]!.mode === 'optional_computed') continue;
    if (!sameValue(olds[k], n)) changed.push(k);
  }
  return changed;
}

/**
 * Whether the replacement would be refused or would clash while the old
 * object still exists, so that the old one must go first. A VIP keeping its
 * address (given explicitly) and its port: (subnet, address, port) is unique
 * and HAProxy cannot bind the same address:port twice.
 */
export function replacementCollides(kind: Kind, olds: Record<string, unknown>, news: Record<string, unknown>): boolean {
  if (kind !== 'vip') return false;
  const address = news.address;
  if (address === undefined || address === null || containsUnknown(address) || containsUnknown(news.protocol_port)) return false;
  return address === olds.address && news.protocol_port === olds.protocol_port;
}

export async function diff(kind: Kind, _id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.DiffResult> {
  const forceNew = forceNewKeys(RESOURCES[kind].attrs);
  const changed = changedFields(kind, olds, news);
  const replaces = changed.filter((k) => forceNew.includes(k));
  const settingsChanged = SETTING_KEYS.some((k) => news[k] !== undefined && !sameValue(olds[k], news[k]));
  const outOfSync = olds.in_sync === false;
  return {
    changes: changed.length > 0 || settingsChanged || outOfSync,
    replaces,
    // Without a replacement, the force-new fields cannot change: their outputs stay known in a preview.
    stables: replaces.length === 0 ? forceNew : [],
    deleteBeforeReplace: replaces.length > 0 && replacementCollides(kind, olds, news),
  };
}
