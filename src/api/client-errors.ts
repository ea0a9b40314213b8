import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';

/** Node's parser codes that have an answer of their own; any other refusal is a 400. */
const ANSWERS: Record<string, { status: number; code: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'headers_too_large',
    message: `The request's headers are too large: at most ${http.maxHeaderSize} bytes in all`,
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    code: 'payload_too_large',
    message: 'The chunk extensions of the request body are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    message: 'The request did not arrive in time',
  },
};
const BAD_REQUEST = { status: 400, code: 'bad_request', message: 'The request cannot be read as HTTP' };

/**
 * The HTTP server's `clientError` listener: a request that Node refuses before Express sees it (headers too
 * large, a malformed request line) is answered in the API's error shape, not Node's empty body (F11). Never
 * throws; writes nothing once an answer to an earlier request on the connection has begun.
 */
export function answerClientError(logger: Logger) {
  return (err: NodeJS.ErrnoException, socket: Duplex): void => {
    try {
      const answer = ANSWERS[err.code ?? ''] ?? BAD_REQUEST;
      // The request's bytes are not logged: they may hold a credential.
      logger.info({ code: err.code, status: answer.status }, 'request refused by the HTTP parser');
      const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
      if (err.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
        socket.write(rawResponse(answer));
      }
    } finally {
      socket.destroy();
    }
  };
}

function rawResponse({ status, code, message }: { status: number; code: string; message: string }): string {
  const body = JSON.stringify({ error: { code, message } });
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
