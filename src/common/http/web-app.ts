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
      void reply.header(
        'cache-control',
        HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  fastify.get('/*', (request, reply) => {
    if (SERVER_PATHS.test(request.url)) {
      sendProblem(new NotFoundException(`Cannot GET ${request.url}`), request, reply);
      return;
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  fastify.get('/', (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
  return true;
}
