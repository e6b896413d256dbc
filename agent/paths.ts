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
    };
  }
}
