import { createServer, Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { answerClientError, trackResponses } from './client-error';

/** Sends `raw` on a new connection; resolves with all it reads until the server closes it. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(raw));
    let read = '';
    socket.on('data', (d) => (read += d.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(read));
  });
}

/** A real HTTP server on loopback whose refused requests go to answerClientError. */
async function serve(onRequest: Parameters<typeof createServer>[1]): Promise<Server> {
  const server = createServer(
    { requestTimeout: 300, connectionsCheckingInterval: 50, maxHeaderSize: 1024 },
    onRequest,
  );
  trackResponses(server);
  server.on('clientError', answerClientError);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

describe('answerClientError (a real server on loopback)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((done) => server?.close(done));
    server = undefined;
  });

  it('answers a refused request in the error shape, with Connection: close', async () => {
    server = await serve((_req, res) => res.end('ok'));
    const read = await exchange(
      (server.address() as AddressInfo).port,
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(2048)}\r\n\r\n`,
    );
    expect(read).toMatch(/^HTTP\/1\.1 431 /);
    expect(read).toContain('Connection: close');
    expect(JSON.parse(read.slice(read.indexOf('\r\n\r\n') + 4))).toEqual({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      message: 'the request line and headers together exceed 16 KB',
    });
  });

  it('ends a connection whose answer is under way instead of writing another into it', async () => {
    // The answer starts before the body has arrived; the body never completes, so the request
    // times out while its response is being written.
    server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('partial');
    });
    const read = await exchange(
      (server.address() as AddressInfo).port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc',
    );
    expect(read).toMatch(/^HTTP\/1\.1 200 /);
    expect(read).toContain('partial');
    expect(read).not.toContain('408');
  });

  it('looks at the answer being written, not at a pipelined one queued behind it', async () => {
    // Two requests on one connection: the first, complete, is answered in part; the second, sent
    // behind it, waits its turn, and its body never completes.
    server = await serve((req, res) => {
      if (req.url === '/first') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('partial');
      } else {
        req.resume();
        req.on('end', () => res.end('second'));
      }
    });
    const read = await exchange(
      (server.address() as AddressInfo).port,
      'GET /first HTTP/1.1\r\nHost: x\r\n\r\n' +
        'POST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc',
    );
    expect(read).toMatch(/^HTTP\/1\.1 200 /);
    expect(read).toContain('partial');
    expect(read).not.toContain('408');
  });

  it('answers 408 to a request too slow to arrive when nothing was answered on it', async () => {
    // The handler answers once the body is in, which never happens.
    server = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    const read = await exchange(
      (server.address() as AddressInfo).port,
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc',
    );
    expect(read).toMatch(/^HTTP\/1\.1 408 /);
    expect(read).toContain('"message":"the request was not received in time"');
  });
});
