import { NotFoundException } from '@nestjs/common';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sendProblem } from '../errors/problem.filter';

/** Paths that belong to the API or operations, never to the web app's client-side routes. */
const SERVER_PATHS = /^\/(api|health)(\/|$)/;
/** The patients' pages (`/p/<token>`): their own entry, never the staff app. */
const PORTAL_PAGE = 'portal.html';
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
 * The patients' pages (`/p/<token>`): the same policy, but the link's token is in the address, so
 * no page may send it on as a referrer, and no cache (the browser's or a proxy's) may keep the
 * page (docs/patient-portal-web.md).
 */
const PORTAL_HEADERS = {
  ...PAGE_HEADERS,
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * Serves the staff web app (`npm run build` writes it to `dist/web`) at `/`. Any other GET outside
 * the API and health paths answers `index.html`, so the app's own routes survive a reload or a
 * bookmark; `/p` and `/p/*` (a patient's link) answer `portal.html`, the patients' own pages.
 * Without a built app (tests that run the sources) nothing is registered.
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
      } else if (path.endsWith(PORTAL_PAGE)) {
        void reply.headers(PORTAL_HEADERS);
      } else {
        void reply.headers(PAGE_HEADERS);
      }
    },
  });
  const portal = (_request: unknown, reply: FastifyReply) =>
    reply.headers(PORTAL_HEADERS).sendFile(PORTAL_PAGE);
  fastify.get('/p', portal);
  fastify.get('/p/*', portal);
  fastify.get('/*', (request, reply) => {
    if (SERVER_PATHS.test(request.url)) {
      sendProblem(new NotFoundException(`Cannot GET ${request.url}`), request, reply);
      return;
    }
    return reply.headers(PAGE_HEADERS).sendFile('index.html');
  });
  return true;
}
