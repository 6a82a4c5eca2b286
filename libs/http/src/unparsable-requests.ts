import { maxHeaderSize, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from './problem';

/**
 * Requests Node's HTTP parser refuses before any route sees them (a URL and headers over its size limit, a head that
 * is not HTTP) get a problem document like every other refusal, instead of Node's bare 431 or 400. A listener on
 * `clientError` replaces Node's own answer, so this one also does what Node does for the rest.
 */
export function answerUnparsableRequests(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's own check: nothing may be written while an earlier answer on this connection is still going out.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (socket.writable && !inFlight && error.code !== 'ECONNRESET') socket.write(answerTo(error));
    socket.destroy();
  });
}

function answerTo(error: NodeJS.ErrnoException): string {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n';
  const body = JSON.stringify(
    error.code === 'HPE_HEADER_OVERFLOW'
      ? problem('validation_failed', 'The request is too large to read', [{ field: 'headers', message: `the URL and the headers together must be under ${maxHeaderSize / 1024} KiB` }])
      : problem('validation_failed', 'The request is not valid HTTP/1.1'),
  );
  return [
    'HTTP/1.1 400 Bad Request',
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
