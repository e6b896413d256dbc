/** One command on a HAProxy unix socket (admin stats socket or master CLI), answer as text. */
import net from 'node:net';

/** A stats socket answers in microseconds; anything this slow means the process is stuck. */
const SOCKET_TIMEOUT_MS = 3_000;

export class SocketError extends Error {
  readonly code = 'HAPROXY_SOCKET';
}

export function socketCommand(path: string, command: string, timeoutMs = SOCKET_TIMEOUT_MS): Promise<string> {
  if (/[\r\n;]/.test(command)) return Promise.reject(new SocketError(`refusing multi-command input: ${JSON.stringify(command)}`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sock = net.createConnection({ path });
    const timer = setTimeout(() => sock.destroy(new SocketError(`${path}: no answer to "${command}" within ${timeoutMs} ms`)), timeoutMs);
    sock.on('connect', () => sock.end(`${command}\n`));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (err) => {
      clearTimeout(timer);
      reject(new SocketError(`${path}: ${err.message}`, { cause: err }));
    });
    sock.on('close', (hadError) => {
      clearTimeout(timer);
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}
