/** The netns driver's options, normalised and checked once at construction. */
import path from 'node:path';
import type { Network } from '../../../schema/network.js';
import type { Datapath } from '../../ovs/datapath.js';
import { schemeFor, type NameScheme } from '../../netns/names.js';
import { NetnsDriverError } from './errors.js';

export interface NetnsDriverOptions {
  /** Validated networks from the agent config (schema/network.ts). */
  networks: readonly Network[];
  /** The agent's state directory (intent files for namespace creation live under it). */
  stateDir: string;
  /** This agent's id, written into every ownership marker. */
  agentId: string;
  /**
   * OVSDB unix socket. Leave unset in production: ovs-vsctl then uses the
   * system default (/var/run/openvswitch/db.sock). Tests pass the socket of
   * the private OVS from test/harness/ovs.ts.
   */
  ovsDb?: string | undefined;
  /** Force the datapath of bridges this agent creates instead of detecting it. */
  datapath?: Datapath | undefined;
  /** Called when a background gratuitous ARP fails (for the agent's log). */
  onGarpError?: (poolId: string, error: unknown) => void;
  /** Why this driver was chosen (`--driver auto` or requested); leads the reason in GET /v1/agent. */
  selectedBecause?: string | undefined;
  /**
   * Two characters [a-z0-9] in this agent's namespace and device names, for
   * several agents on one host (see agent/netns/names.ts). Unset: v1 names.
   */
  nameTag?: string | undefined;
}

export interface NormalizedOptions {
  networks: readonly Network[];
  stateDir: string;
  owner: string;
  ovsDb: string | undefined;
  datapath: Datapath | undefined;
  onGarpError: (poolId: string, error: unknown) => void;
  selectedBecause: string | undefined;
  names: NameScheme;
}

const AGENT_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export function normalizeOptions(o: NetnsDriverOptions): NormalizedOptions {
  const bad = (what: string) => new NetnsDriverError('NETNS_DRIVER_INVALID_OPTIONS', what);
  if (!AGENT_ID.test(o.agentId)) throw bad(`agentId must be 1-64 characters of A-Z, a-z, 0-9, "_", ".", ":" or "-", got ${JSON.stringify(o.agentId)}`);
  if (!path.isAbsolute(o.stateDir)) throw bad(`stateDir must be absolute, got ${JSON.stringify(o.stateDir)}`);
  if (o.ovsDb !== undefined && !path.isAbsolute(o.ovsDb)) throw bad(`ovsDb must be an absolute socket path, got ${JSON.stringify(o.ovsDb)}`);
  if (o.datapath !== undefined && o.datapath !== 'system' && o.datapath !== 'netdev') throw bad(`datapath must be system or netdev, got ${String(o.datapath)}`);
  let names: NameScheme;
  try {
    names = schemeFor(o.nameTag);
  } catch (e) {
    throw bad((e as Error).message);
  }
  return {
    names,
    networks: o.networks,
    stateDir: o.stateDir,
    owner: o.agentId,
    ovsDb: o.ovsDb,
    datapath: o.datapath,
    onGarpError: o.onGarpError ?? (() => undefined),
    selectedBecause: o.selectedBecause,
  };
}
