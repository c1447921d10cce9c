import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Duplex } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerClientError } from '../src/common/http/client-error';
import { createLogger } from '../src/common/logging/logger';
import { startAppWithCapturedLog, type LoggedTestApp } from './support/security-log-capture';

// The answers a request gets before it reaches a controller, from a real listening server: Node's
// HTTP parser (a 431, a broken request line) runs only on a socket, never under `inject`.

let t: LoggedTestApp;
let port: number;

const tag = randomBytes(3).toString('hex');
/** A patient's name as a client would put it in a search or a header: it must never be logged. */
const NAME = `Lopez${tag}`;
const NAME_BYTES = Array.from(Buffer.from(NAME)).join(',');

beforeAll(async () => {
  t = await startAppWithCapturedLog('trace');
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address: AddressInfo | string | null = t.app.getHttpServer().address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  port = address.port;
}, 120_000);
afterAll(() => t.close());

/** Where this test's log lines begin. */
let logStart = 0;
beforeEach(() => {
  logStart = t.log().length;
});

interface RawResponse {
  statusLine: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How many responses the connection carried. */
  responses: number;
}

/** Writes `request` on a new connection and reads until the server closes it. */
function exchange(...request: (string | Buffer)[]): Promise<RawResponse> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may close while a large request is still being written: what it answered counts.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(parseResponse(Buffer.concat(chunks).toString('latin1'))));
    for (const part of request) socket.write(part);
  });
}

function parseResponse(text: string): RawResponse {
  const end = text.indexOf('\r\n\r\n');
  expect(end, `an HTTP response: ${JSON.stringify(text.slice(0, 200))}`).toBeGreaterThan(0);
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    statusLine,
    status: Number(statusLine.split(' ')[1]),
    headers,
    body: text.slice(end + 4),
    responses: text.match(/^HTTP\/1\.1 \d{3} /gm)?.length ?? 0,
  };
}

function get(target: string, headers = ''): Promise<RawResponse> {
  return exchange(
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`,
  );
}

/** RFC 9457 with our `code` and `requestId` (docs/api.md "Errors"), as every answer of the service. */
function expectProblem(res: RawResponse, status: number, code: string): void {
  expect(res.status, res.statusLine).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  const body: unknown = JSON.parse(res.body);
  expect(body).toEqual({
    type: `urn:contour:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: expect.any(String),
    status,
    detail: expect.any(String),
    code,
    requestId: res.headers['x-request-id'],
  });
  expect(res.headers['x-request-id']).toMatch(/^[\w.:-]+$/);
}

/** The answer was logged under its request id, and no line holds the name, as text or as bytes. */
function expectLoggedWithoutPhi(res: RawResponse): void {
  const log = t.log().slice(logStart);
  expect(log).toContain(res.headers['x-request-id']);
  expect(log.toLowerCase()).not.toContain(NAME.toLowerCase());
  expect(log).not.toContain(NAME_BYTES);
}

describe('before routing: what Node’s HTTP parser refuses', () => {
  it('answers a 100 KB query string with 431 HEADERS_TOO_LARGE', async () => {
    const res = await get(`/api/v1/patients?search=${NAME.repeat(100_000 / NAME.length)}`);

    expectProblem(res, 431, 'HEADERS_TOO_LARGE');
    expect(res.headers.connection).toBe('close');
    expectLoggedWithoutPhi(res);
  });

  it('answers a 100 KB header with 431 HEADERS_TOO_LARGE', async () => {
    const res = await get(
      '/api/v1/patients',
      `X-Patient: ${NAME.repeat(100_000 / NAME.length)}\r\n`,
    );

    expectProblem(res, 431, 'HEADERS_TOO_LARGE');
    expect(res.headers.connection).toBe('close');
    expectLoggedWithoutPhi(res);
  });

  it('answers a broken request line with 400 BAD_REQUEST', async () => {
    // The name was not URL-encoded: its space ends the target too early.
    const res = await exchange(`GET /api/v1/patients?search=Ana ${NAME} HTTP/1.1\r\n\r\n`);

    expectProblem(res, 400, 'BAD_REQUEST');
    expect(res.headers.connection).toBe('close');
    expectLoggedWithoutPhi(res);
  });

  it('answers a request line that is not HTTP at all with 400 BAD_REQUEST', async () => {
    const res = await exchange(`${NAME} \x00\x01\r\n\r\n`);

    expectProblem(res, 400, 'BAD_REQUEST');
    expectLoggedWithoutPhi(res);
  });
});

describe('URL and path parameter length', () => {
  const MAX_URL = 8 * 1024;
  const urlOf = (length: number): string => {
    const prefix = `/api/v1/patients?search=${NAME}`;
    return prefix + 'x'.repeat(length - prefix.length);
  };

  it('answers a URL over 8 KiB with 414 URI_TOO_LONG', async () => {
    const res = await get(urlOf(MAX_URL + 1));

    expectProblem(res, 414, 'URI_TOO_LONG');
    expectLoggedWithoutPhi(res);
  });

  it('takes a URL of exactly 8 KiB to the route', async () => {
    const res = await get(urlOf(MAX_URL));

    expectProblem(res, 401, 'UNAUTHENTICATED');
  });

  it('answers a path over 8 KiB with 414 naming the URL, not the parameter', async () => {
    const res = await get(`/api/v1/patients/${NAME}${'x'.repeat(MAX_URL)}`);

    expectProblem(res, 414, 'URI_TOO_LONG');
    expect(JSON.parse(res.body)).toMatchObject({
      detail: 'The URL is longer than 8192 characters',
    });
  });

  it('answers a path parameter over the router’s 100 characters with 414 URI_TOO_LONG', async () => {
    const res = await get(`/api/v1/patients/${'A'.repeat(101)}`);

    expectProblem(res, 414, 'URI_TOO_LONG');
    expect(JSON.parse(res.body)).toMatchObject({ detail: 'A path parameter is too long' });
  });
});

describe('routing', () => {
  it.each(['/api/v1/no-such-thing', '/api', '/health/nothing', '/nothing'])(
    'answers an unknown path %s with 404 NOT_FOUND',
    async (path) => {
      const res = await get(`${path}?search=${NAME}`);

      expectProblem(res, 404, 'NOT_FOUND');
      expectLoggedWithoutPhi(res);
    },
  );

  it.each([
    ['DELETE', '/api/v1/patients', 'GET, HEAD, POST'],
    ['PUT', `/api/v1/patients/0198b3c4-0000-7000-8000-000000000000`, 'GET, HEAD, PATCH'],
    ['POST', '/health/live', 'GET, HEAD'],
    ['DELETE', '/api/v1/auth/login', 'POST'],
    ['POST', '/api/docs/swagger-ui.css', 'GET, HEAD'],
  ])('answers %s %s with 405 METHOD_NOT_ALLOWED and Allow: %s', async (method, path, allow) => {
    const res = await exchange(
      `${method} ${path}?search=${NAME} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );

    expectProblem(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.allow).toBe(allow);
    expectLoggedWithoutPhi(res);
  });
});

describe('bodies', () => {
  const post = (headers: string, ...body: (string | Buffer)[]): Promise<RawResponse> =>
    exchange(
      `POST /api/v1/patients HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n${headers}\r\n`,
      ...body,
    );
  const overLimit = `{"lastName":"${NAME}","notes":"${'x'.repeat(1024 * 1024)}"}`;
  const chunk = (data: string): string => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`;

  it('answers a Content-Length over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(overLimit)}\r\n`,
      overLimit,
    );

    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expectLoggedWithoutPhi(res);
  });

  it('answers a chunked body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const half = overLimit.length / 2;
    const res = await post(
      'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
      chunk(overLimit.slice(0, half)),
      chunk(overLimit.slice(half)),
      '0\r\n\r\n',
    );

    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expectLoggedWithoutPhi(res);
  });

  it('answers once when a chunked body over 1 MiB goes on with broken chunks', async () => {
    const res = await post(
      'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
      chunk(overLimit),
      `zz-not-a-chunk-size ${NAME}\r\n\r\n`,
    );

    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.responses).toBe(1);
    expectLoggedWithoutPhi(res);
  });

  it('answers chunk extensions over Node’s limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await post(
      'Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n',
      `2;note=${NAME.repeat(30_000 / NAME.length)}\r\n{}\r\n0\r\n\r\n`,
    );

    expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(res.headers.connection).toBe('close');
    expectLoggedWithoutPhi(res);
  });

  it('answers a body of an unsupported content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = `lastName,firstName\r\n${NAME},Ana\r\n`;
    const res = await post(`Content-Type: text/csv\r\nContent-Length: ${body.length}\r\n`, body);

    expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectLoggedWithoutPhi(res);
  });
});

// A timeout cannot be waited for here (Node checks every 30 s), and a socket that is gone cannot be
// arranged from outside: the handler on its own, over an in-memory socket.
describe('the parser-error handler', () => {
  function socketInMemory(): { socket: Duplex; written: () => string } {
    const chunks: Buffer[] = [];
    const socket = new Duplex({
      read: () => undefined,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    return { socket, written: () => Buffer.concat(chunks).toString('latin1') };
  }
  const parserError = (code: string): Error => Object.assign(new Error('refused'), { code });
  const silent = createLogger('silent');

  it('answers a request that did not arrive in time with 408 REQUEST_TIMEOUT', () => {
    const { socket, written } = socketInMemory();

    answerClientError(silent, parserError('ERR_HTTP_REQUEST_TIMEOUT'), socket);

    expectProblem(parseResponse(written()), 408, 'REQUEST_TIMEOUT');
    expect(socket.destroyed).toBe(true);
  });

  it('writes nothing on a socket that is already ended, and closes it', () => {
    const { socket, written } = socketInMemory();
    socket.end();

    answerClientError(silent, parserError('HPE_INVALID_METHOD'), socket);

    expect(written()).toBe('');
    expect(socket.destroyed).toBe(true);
  });

  it('leaves a connection the client reset alone', () => {
    const { socket, written } = socketInMemory();

    answerClientError(silent, parserError('ECONNRESET'), socket);

    expect(written()).toBe('');
    expect(socket.destroyed).toBe(false);
  });
});
