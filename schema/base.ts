/** Computed fields every object carries. */
import { z } from 'zod';
import { computed } from './attr.js';
import { DriftEvent, Id, OperatingStatus, ProvisioningStatus, Timestamp } from './common.js';

export const idAttr = computed(Id, 'Identifier assigned by the agent (UUID).');

export const statusAttrs = {
  provisioning_status: computed(
    ProvisioningStatus,
    'Whether the desired state is live on the data plane: PENDING_* while the agent converges, ACTIVE when live, ERROR when the data plane refused it.',
  ),
  operating_status: computed(
    OperatingStatus,
    'Health observed on the data plane (HAProxy stats socket): ONLINE; OFFLINE when admin-down or in maintenance, and for a member with a health monitor ' +
      'whose first check has no result yet (as Octavia reports a new monitored member); DEGRADED when some members of a pool fail; ERROR when failing its checks ' +
      'or not serving; DRAINING for weight 0 or drain; NO_MONITOR for a member without a health monitor.',
  ),
  status_message: computed(z.string().nullable(), 'Why provisioning_status is ERROR (e.g. what HAProxy refused); null otherwise.'),
};

export const bookkeepingAttrs = {
  revision: computed(z.int().min(1), 'Incremented on every change; also served as the ETag.'),
  in_sync: computed(
    z.boolean(),
    'False while the data plane differs from the desired state (drift found by the audit and not yet repaired, or a pending change).',
  ),
  drift_events: computed(z.array(DriftEvent), 'The most recent data-plane drift the audit found for this object, newest first.'),
  created_at: computed(Timestamp, 'Creation time (RFC 3339).'),
  updated_at: computed(Timestamp, 'Last change time (RFC 3339).'),
};
