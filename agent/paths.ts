/** Every on-disk path the agent uses, derived from the state directory and keyed by id. */
import path from 'node:path';

export interface PoolPaths {
  dir: string;
  config: string;
  staged: string;
  failed: string;
  pid: string;
  masterSocket: string;
  adminSocket: string;
  serverState: string;
  /** keepalived of an ACTIVE_STANDBY pool (agent/keepalived/). */
  keepalived: KeepalivedPaths;
}

export interface KeepalivedPaths {
  config: string;
  staged: string;
  failed: string;
  /** Parent process and VRRP child: own pid files, so several instances share a host. */
  pid: string;
  vrrpPid: string;
  /** FIFO keepalived writes every VRRP state change to (the agent reads it). */
  notifyFifo: string;
  /** The last role the agent read, with its time, kept across agent restarts. */
  role: string;
}

export class Paths {
  constructor(readonly stateDir: string) {}

  get token(): string {
    return path.join(this.stateDir, 'token');
  }
  get storeDir(): string {
    return path.join(this.stateDir, 'store');
  }
  get observedDir(): string {
    return path.join(this.stateDir, 'observed');
  }
  get poolsDir(): string {
    return path.join(this.stateDir, 'pools');
  }
  get agentId(): string {
    return path.join(this.stateDir, 'agent-id');
  }
  /** Scripts keepalived runs (root-owned, not writable by others: enable_script_security). */
  get scriptsDir(): string {
    return path.join(this.stateDir, 'scripts');
  }

  pool(poolId: string): PoolPaths {
    const dir = path.join(this.poolsDir, poolId);
    return {
      dir,
      config: path.join(dir, 'haproxy.cfg'),
      staged: path.join(dir, 'haproxy.cfg.new'),
      failed: path.join(dir, 'haproxy.cfg.failed'),
      pid: path.join(dir, 'haproxy.pid'),
      masterSocket: path.join(dir, 'master.sock'),
      adminSocket: path.join(dir, 'admin.sock'),
      serverState: path.join(dir, 'server-state'),
      keepalived: {
        config: path.join(dir, 'keepalived.conf'),
        staged: path.join(dir, 'keepalived.conf.new'),
        failed: path.join(dir, 'keepalived.conf.failed'),
        pid: path.join(dir, 'keepalived.pid'),
        vrrpPid: path.join(dir, 'keepalived-vrrp.pid'),
        notifyFifo: path.join(dir, 'keepalived.fifo'),
        role: path.join(dir, 'vrrp-role.json'),
      },
    };
  }
}
