/**
 * Waiting for the agent to make a write live: `?wait=` up to the agent's
 * limit, then polling until the operation's timeout. An object that ends in
 * ERROR or is still PENDING_* at the deadline is reported, naming why.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kind } from '../../../schema/resources.js';
import type { Diagnostics } from '../../framework/index.js';
import { MAX_WAIT_S } from '../../../schema/params.js';
import type { Api } from './provider-data.js';

/** Between polls once `?wait=` is used up: the agent converges within seconds. */
const POLL_MS = 1000;

export type AgentObject = Record<string, unknown> & { id: string; revision: number; provisioning_status: string };

export class Deadline {
  private readonly at: number;
  constructor(readonly seconds: number) {
    this.at = Date.now() + seconds * 1000;
  }
  /** Seconds to pass as `?wait=` now. */
  waitSeconds(): number {
    return Math.max(0, Math.min(MAX_WAIT_S, Math.floor((this.at - Date.now()) / 1000)));
  }
  get passed(): boolean {
    return Date.now() >= this.at;
  }
}

const pending = (o: AgentObject) => o.provisioning_status.startsWith('PENDING_');

/** Polls until the object is no longer PENDING_*, is gone (null), or the deadline passes. */
export async function settle(api: Api, kind: Kind, obj: AgentObject, deadline: Deadline, signal: AbortSignal): Promise<AgentObject | null> {
  let cur: AgentObject | null = obj;
  while (cur && pending(cur) && !deadline.passed && !signal.aborted) {
    await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
    cur = (await api.client.get(kind, obj.id)) as AgentObject | null;
  }
  return cur;
}

/** Error diagnostics when the change is not live: ERROR (with the agent's reason) or still pending at the deadline. */
export function reportNotLive(diags: Diagnostics, what: string, obj: AgentObject, deadline: Deadline): void {
  if (obj.provisioning_status === 'ERROR') {
    diags.error(`${what}: the data plane refused the change`, `provisioning_status is ERROR: ${String(obj.status_message ?? 'no reason given')}. The object is in the agent; fix the configuration and apply again.`);
  } else if (pending(obj)) {
    diags.error(
      `${what}: not live within the timeout`,
      `provisioning_status is still ${obj.provisioning_status} after ${deadline.seconds} s. The agent keeps converging; raise the provider's timeouts (or $LBAAS_TIMEOUT) if this is expected.`,
    );
  }
}
