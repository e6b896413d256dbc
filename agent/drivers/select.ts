/** `--driver auto|netns|local`: pick the driver and say why. */
import type { Network } from '../../schema/network.js';
import type { Driver, DriverName } from './driver.js';
import { LocalDriver } from './local.js';

export interface DriverChoice {
  requested: DriverName | 'auto';
  networks: Network[];
  stateDir: string;
  agentId: string;
  ovsDb?: string;
}

export async function selectDriver(c: DriverChoice): Promise<Driver> {
  if (c.requested === 'local') return new LocalDriver({ name: 'local', reason: 'requested with --driver local', datapath: null });
  // The netns driver is loaded only when it may be used: it pulls in the OVS and namespace modules.
  const netns = await import('./netns/index.js');
  const possible = await netns.netnsPossible({ ovsDb: c.ovsDb });
  if (c.requested === 'netns' || possible.ok) {
    if (!possible.ok) throw new Error(`--driver netns is not possible here: ${possible.reason}`);
    return new netns.NetnsDriver({
      networks: c.networks,
      stateDir: c.stateDir,
      agentId: c.agentId,
      ...(c.ovsDb ? { ovsDb: c.ovsDb } : {}),
      selectedBecause: c.requested === 'auto' ? `auto: netns possible (${possible.reason})` : 'requested with --driver netns',
    });
  }
  return new LocalDriver({ name: 'local', reason: `auto: netns not possible (${possible.reason})`, datapath: null });
}
