import { STATUS_CODES } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Each connection's responses not yet done, in the order they are written (pipelining). */
const responses = new WeakMap<Socket, ServerResponse[]>();

/**
 * Keeps each connection's responses until they are done, so that `answerClientError` can tell
 * an answer under way on it: the first, the one being written (HTTP/1.1 answers in order). Call
 * once on the API's server.
 */
export function trackResponses(server: Server): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let open = responses.get(req.socket);
    if (!open) responses.set(req.socket, (open = []));
    open.push(res);
    const list = open;
    res.once('close', () => {
      const at = list.indexOf(res);
      if (at >= 0) list.splice(at, 1);
    });
  });
}

/** How long a refused connection stays open for the client to read the answer and close. */
const LINGER_MS = 5_000;

const MESSAGES: Record<number, string> = {
  400: 'the request is not valid HTTP/1.1',
  408: 'the request was not received in time',
  431: 'the request line and headers together exceed 16 KB',
};

/**
 * Answers a request that Node's HTTP parser refused before the application saw it (headers
 * too large, malformed HTTP, too slow), in the API's error shape.
 *
 * Fastify's own answer omits `Connection: close` and destroys the socket at once: a keep-alive
 * client may send its next request on the dead connection, and bytes of the refused request
 * still unread make the kernel reset the connection, which can reach the client before it has
 * read the answer. Here the answer says `Connection: close` and the socket is half-closed after
 * it, so the client reads the answer and then the end; what it still sends is read and dropped by
 * the refused parser, and the connection is destroyed after `LINGER_MS` at the latest. Nothing of
 * the request (its raw bytes may hold a tip) is logged.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (!socket.writable) {
    // Already answered (a second parse error on the same connection) or closing.
    return;
  }
  // An answer already under way on this connection (a request timed out while its response was
  // being written): another answer would corrupt it, so the connection just ends, as Node does.
  const res = responses.get(socket)?.[0];
  if (res?.headersSent && !res.writableFinished) {
    socket.destroy();
    return;
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const body = JSON.stringify({
    statusCode: status,
    error: STATUS_CODES[status],
    message: MESSAGES[status],
  });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
