/** Command-line options, parsed and normalized once at the boundary. */
import { parseArgs } from 'node:util';
import path from 'node:path';

export interface AgentOptions {
  host: string;
  port: number;
  stateDir: string;
  configFile: string | undefined;
  driver: 'auto' | 'netns' | 'local';
  auditIntervalMs: number;
  statusIntervalMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  ovsDb: string | undefined;
  /** Token file shared by every agent of a cluster (default <state-dir>/token). */
  tokenFile: string | undefined;
}

export const HELP = `lbaas-agent — local HTTP API that drives HAProxy load balancers

Usage: lbaas-agent [options]

  --listen <host:port>      address to listen on (default 127.0.0.1:9696)
  --state-dir <dir>         where desired state, token and HAProxy files live
                            (default /var/lib/lbaas as root, else ~/.local/state/lbaas)
  --config <file>           agent config (JSON): {"networks": [...], "cluster"?: {...}}
  --driver <auto|netns|local>
                            data-plane driver (default auto: netns when running as
                            root with ip, ovs-vsctl, HAProxy and an OVS database,
                            else local)
  --audit-interval <s>      full data-plane audit period (default 5)
  --status-interval <s>     operating-status refresh period (default 1, at most 2)
  --tls-cert <file>         serve HTTPS with this certificate (PEM)
  --tls-key <file>          key of --tls-cert (PEM)
  --ovs-db <socket>         OVS database socket (default: the system's)
  --token-file <file>       API token file (default <state-dir>/token; created 0600
                            when missing): give every agent of a cluster the same one
  --log-level <level>       debug, info, warn or error (default info)
  --help                    show this help

The API token is created on first start in <state-dir>/token (mode 0600); send it
as "Authorization: Bearer <token>".`;

export class OptionsError extends Error {
  readonly code = 'BAD_OPTION';
}

function seconds(v: string | undefined, name: string, def: number, max = 3600): number {
  if (v === undefined) return def * 1000;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > max) throw new OptionsError(`--${name} must be a number of seconds in (0, ${max}], got ${JSON.stringify(v)}`);
  return n * 1000;
}

export function parseOptions(argv: string[]): AgentOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      listen: { type: 'string' },
      'state-dir': { type: 'string' },
      config: { type: 'string' },
      driver: { type: 'string' },
      'audit-interval': { type: 'string' },
      'status-interval': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'ovs-db': { type: 'string' },
      'token-file': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const listen = values.listen ?? '127.0.0.1:9696';
  const m = /^(.+):(\d{1,5})$/.exec(listen);
  if (!m || Number(m[2]) > 65535) throw new OptionsError(`--listen must be host:port, got ${JSON.stringify(listen)}`);
  const driver = values.driver ?? 'auto';
  if (driver !== 'auto' && driver !== 'netns' && driver !== 'local') throw new OptionsError(`--driver must be auto, netns or local, got ${JSON.stringify(driver)}`);
  const level = values['log-level'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new OptionsError(`--log-level must be debug, info, warn or error`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) throw new OptionsError('--tls-cert and --tls-key go together');
  const defaultState =
    process.getuid?.() === 0 ? '/var/lib/lbaas' : path.join(process.env.HOME ?? '.', '.local', 'state', 'lbaas');
  return {
    host: m[1]!.replace(/^\[(.*)\]$/, '$1'),
    port: Number(m[2]),
    stateDir: path.resolve(values['state-dir'] ?? defaultState),
    configFile: values.config,
    driver,
    auditIntervalMs: seconds(values['audit-interval'], 'audit-interval', 5),
    statusIntervalMs: seconds(values['status-interval'], 'status-interval', 1, 2),
    logLevel: level as AgentOptions['logLevel'],
    tlsCert: values['tls-cert'],
    tlsKey: values['tls-key'],
    ovsDb: values['ovs-db'],
    tokenFile: values['token-file'] ? path.resolve(values['token-file']) : undefined,
  };
}
