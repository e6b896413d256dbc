/**
 * Requests Node's HTTP parser rejects before fastify sees them (garbage request
 * line, bad Content-Length, oversized headers, header timeout) still get a
 * problem+json answer from the error registry, not fastify's bare JSON.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import { ERRORS, type ErrorCode } from '../errors.js';

function codeOf(err: NodeJS.ErrnoException): ErrorCode {
  if (err.code === 'HPE_HEADER_OVERFLOW') return 'headers_too_large';
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'request_timeout';
  return 'malformed_request';
}

export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const code = codeOf(err);
    const { status, title } = ERRORS[code];
    const body = JSON.stringify({ type: `urn:lbaas:error:${code}`, title, status, detail: `${title}: ${err.message}`, code });
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
}
