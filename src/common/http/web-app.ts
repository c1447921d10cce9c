import { NotFoundException } from '@nestjs/common';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sendProblem } from '../errors/problem.filter';

/** Paths that belong to the API or operations, never to the web app's client-side routes. */
const SERVER_PATHS = /^\/(api|health)(\/|$)/;
const HASHED_ASSET = /\/assets\//;

/**
 * The app's page may run only its own scripts and talk only to this server: an injected script
 * could not load code or send a token elsewhere. Mantine sets inline styles, hence 'unsafe-inline'
 * for styles only; PDFs are opened as blob: URLs.
 */
const PAGE_HEADERS = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache',
};

/**
 * Serves the staff web app (`npm run build` writes it to `dist/web`) at `/`. Any other GET outside
 * the API and health paths answers `index.html`, so the app's own routes survive a reload or a
 * bookmark. Without a built app (tests that run the sources) nothing is registered.
 */
export async function serveWebApp(fastify: FastifyInstance, root: string): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // Vite puts a content hash in every asset name: those never change; index.html always may.
    setHeaders: (reply, path) => {
      if (HASHED_ASSET.test(path)) {
        void reply
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff');
      } else {
        void reply.headers(PAGE_HEADERS);
      }
    },
  });
  fastify.get('/*', (request, reply) => {
    if (SERVER_PATHS.test(request.url)) {
      sendProblem(new NotFoundException(`Cannot GET ${request.url}`), request, reply);
      return;
    }
    return reply.headers(PAGE_HEADERS).sendFile('index.html');
  });
  return true;
}
