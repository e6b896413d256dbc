/** Free TCP ports and unique loopback VIP addresses for tests that run in parallel. */
import net from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A random 127.100.x.y address: parallel test files must not share a VIP. */
export function randomLoopbackVip(): string {
  const n = 1 + Math.floor(Math.random() * 65000);
  return `127.100.${Math.floor(n / 256)}.${(n % 256) || 1}`;
}
