/**
 * The unprivileged driver: no namespace, no port. HAProxy binds the VIP
 * address directly; every 127.0.0.0/8 address already routes to `lo` on
 * Linux, so VIPs from 127.100.0.0/16 need no configuration at all.
 */
import { LOCAL_NETWORK, type Network } from '../../schema/network.js';
import type { Driver, DriverInfo, PlugResult, PlugSpec } from './driver.js';

export class LocalDriver implements Driver {
  readonly networks: readonly Network[] = [LOCAL_NETWORK];

  constructor(readonly info: DriverInfo) {}

  async start(): Promise<void> {}

  async plug(_spec: PlugSpec): Promise<PlugResult> {
    return { netns: undefined, portId: null, drift: [] };
  }

  async unplug(): Promise<void> {}

  async listOwned(): Promise<string[]> {
    return [];
  }

  netnsOf(): string | undefined {
    return undefined;
  }
}
