import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { problem, type Problem } from '../errors/problem-code';
import { newId } from '../ids';

/** What Node's `clientError` event carries: a parser error (`HPE_…`) or a timeout. */
interface ClientError extends Error {
  readonly code?: string;
}

/** The parser errors with an answer of their own; any other is a request that is not HTTP: 400. */
const ANSWERS: Record<string, Problem> = {
  HPE_HEADER_OVERFLOW: problem(
    431,
    'HEADERS_TOO_LARGE',
    `The request line and headers together exceed ${maxHeaderSize / 1024} KiB`,
  ),
  HPE_CHUNK_EXTENSIONS_OVERFLOW: problem(
    413,
    'PAYLOAD_TOO_LARGE',
    'The chunk extensions of the request body are too large',
  ),
  ERR_HTTP_REQUEST_TIMEOUT: problem(
    408,
    'REQUEST_TIMEOUT',
    'The request did not arrive in time; send it again',
  ),
};
const NOT_HTTP = problem(400, 'BAD_REQUEST', 'The request is not valid HTTP/1.1');

/**
 * Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes on `socket` before there was
 * a request to route, so the answer is written to the socket by hand. It is problem+json with a
 * request id, like every other answer (docs/api.md "Errors"), and closes the connection: after a parse
 * error nothing more on it can be read.
 */
export function answerClientError(logger: Logger, error: ClientError, socket: Duplex): void {
  // The client hung up: there is no one to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = ANSWERS[error.code ?? ''] ?? NOT_HTTP;
  const requestId = newId();
  // A socket already ended (an answer sent with `connection: close`, as a 413 is) takes no more.
  const answered = socket.writable;
  // Only the code: the error's `rawPacket` holds the bytes read so far, a query string or header
  // that can carry a patient's name (docs/security.md).
  logger.info(
    { reqId: requestId, res: { statusCode: answer.status }, parserError: error.code, answered },
    'request refused by the HTTP parser',
  );
  if (answered) {
    const body = JSON.stringify({ ...answer, requestId });
    socket.write(
      [
        `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`,
        'content-type: application/problem+json; charset=utf-8',
        `content-length: ${Buffer.byteLength(body)}`,
        `x-request-id: ${requestId}`,
        'connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroy();
}
