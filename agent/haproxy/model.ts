/** What one pool's HAProxy must serve, assembled from desired state: the input of the renderer. */
import type { SessionPersistence } from '../../schema/vip.js';

export interface MonitorModel {
  id: string;
  type: 'PING' | 'TCP' | 'HTTP' | 'HTTPS';
  delay: number;
  timeout: number;
  max_retries: number;
  http_method: string | null;
  url_path: string | null;
  expected_codes: string | null;
}

export interface ServerModel {
  id: string;
  address: string;
  port: number;
  weight: number;
  adminUp: boolean;
  backup: boolean;
}

export interface PoolModel {
  poolId: string;
  protocol: 'TCP' | 'HTTP' | 'HTTPS';
  lbMethod: 'ROUND_ROBIN' | 'LEAST_CONNECTIONS' | 'SOURCE_IP';
  adminUp: boolean;
  vip: {
    id: string;
    address: string;
    port: number;
    connectionLimit: number;
    persistence: SessionPersistence | null;
    adminUp: boolean;
  };
  /** Admin-up monitors only, in a stable order. */
  monitors: MonitorModel[];
  /** Sorted by id so the rendered config is stable. */
  servers: ServerModel[];
  /**
   * ACTIVE_STANDBY pools: a frontend on 127.0.0.1:<port> inside the namespace
   * answering `uri` with 200 while HAProxy runs (keepalived's track_script).
   */
  health?: { port: number; uri: string };
}

/** Paths the config refers to. */
export interface RenderPaths {
  adminSocket: string;
  serverState: string;
}
