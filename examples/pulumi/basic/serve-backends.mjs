// Test backends for the example: HTTP servers on 127.0.0.1 that answer with their name, backend-<port>.
// Usage: node serve-backends.mjs 8081 8082 8083   (Ctrl-C stops them)
import http from 'node:http';

const ports = process.argv.slice(2).map(Number);
if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
  console.error('usage: node serve-backends.mjs <port> [<port> ...]');
  process.exit(2);
}
for (const port of ports) {
  const name = `backend-${port}`;
  http
    .createServer((req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'x-backend': name }).end(`${name}\n`))
    .listen(port, '127.0.0.1', () => console.log(`${name} on 127.0.0.1:${port}`));
}
