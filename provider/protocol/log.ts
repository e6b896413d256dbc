/**
 * hclog JSON lines on stderr, which Terraform parses and shows with TF_LOG
 * (TF_LOG_PROVIDER). stdout is reserved for the handshake line.
 */
const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

function threshold(): number {
  const want = (process.env.TF_LOG_PROVIDER || process.env.TF_LOG || 'info').toLowerCase();
  const i = LEVELS.indexOf(want as Level);
  return i < 0 ? (want === 'json' ? 0 : 2) : i;
}

const min = threshold();
const MODULE = 'provider';

/** hclog's timestamp layout: 2006-01-02T15:04:05.000000Z07:00 (microseconds). */
function timestamp(d = new Date()): string {
  return d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (LEVELS.indexOf(level) < min) return;
  const line = JSON.stringify({ '@level': level, '@message': message, '@module': MODULE, '@timestamp': timestamp(), ...fields });
  process.stderr.write(`${line}\n`);
}

export const log = {
  trace: (msg: string, fields?: Record<string, unknown>) => write('trace', msg, fields),
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};
