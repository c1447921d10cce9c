import { MethodNotAllowedException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { sendProblem } from '../errors/problem.filter';

interface KnownRoute {
  readonly method: string;
  readonly path: RegExp;
}

/**
 * A path the API knows, asked with a method it has no route for, is a 405 with `Allow` (RFC 9110
 * §15.5.6) rather than the router's 404: the client has the right URL and the wrong verb. Fastify
 * only tells that no route matched (`request.is404`), so the routes are collected as they are
 * registered and the path is matched against them; call this before any route exists.
 */
export function answerWrongMethodWith405(fastify: FastifyInstance): void {
  const routes: KnownRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    // The web app's catch-all (web-app.ts) answers its page for any GET; it names no resource, so
    // a write to a page of the app stays a 404.
    if (route.url === '/*') return;
    for (const method of [route.method].flat()) {
      routes.push({ method, path: pathPattern(route.url) });
    }
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    if (!request.is404) {
      done();
      return;
    }
    const path = request.url.split('?', 1)[0] ?? '';
    const allowed = [
      ...new Set(routes.filter((r) => r.path.test(path)).map((r) => r.method)),
    ].sort();
    if (allowed.length === 0) {
      done();
      return;
    }
    void reply.header('allow', allowed.join(', '));
    sendProblem(
      new MethodNotAllowedException(
        `${request.method} is not allowed here; use ${allowed.join(', ')}`,
      ),
      request,
      reply,
    );
  });
}

/** The router's syntax as a pattern: `:id` is one path segment, `*` the rest of the path. */
function pathPattern(url: string): RegExp {
  const segments = url.split('/').map((segment) => {
    if (segment.startsWith(':')) return '[^/]+';
    if (segment === '*') return '.*';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${segments.join('/')}$`);
}
