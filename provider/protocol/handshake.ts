/**
 * go-plugin's launch contract: the magic cookie proves Terraform started us;
 * the first stdout line tells it where to connect:
 * `1|6|tcp|127.0.0.1:PORT|grpc|<DER cert, standard base64 without padding>`.
 */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const CORE_PROTOCOL_VERSION = 1;
export const PROTOCOL_VERSION = 6;

export const NOT_A_COMMAND =
  'This binary is a plugin. These are not meant to be executed directly.\n' +
  'Please execute the program that consumes these plugins, which will\n' +
  'load any plugins automatically.\n';

export function startedByTerraform(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** Terraform offers "5,6" (any order); we speak only 6. */
export function offersOurVersion(env: NodeJS.ProcessEnv): boolean {
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  return !offered || offered.split(',').map((v) => Number(v.trim())).includes(PROTOCOL_VERSION);
}

/** Ports to try: random ones from PLUGIN_MIN_PORT..PLUGIN_MAX_PORT (concurrent providers rarely collide), else 0. */
export function candidatePorts(env: NodeJS.ProcessEnv, attempts = 20): number[] {
  const min = Number(env.PLUGIN_MIN_PORT);
  const max = Number(env.PLUGIN_MAX_PORT);
  if (!env.PLUGIN_MIN_PORT || !env.PLUGIN_MAX_PORT || !Number.isInteger(min) || !Number.isInteger(max) || min > max || min < 1) return [0];
  const span = max - min + 1;
  const out = new Set<number>();
  while (out.size < Math.min(attempts, span)) out.add(min + Math.floor(Math.random() * span));
  return [...out];
}

export function handshakeLine(address: string, certDer?: Buffer): string {
  const cert = certDer ? certDer.toString('base64').replace(/=+$/, '') : '';
  return `${CORE_PROTOCOL_VERSION}|${PROTOCOL_VERSION}|tcp|${address}|grpc|${cert}\n`;
}
