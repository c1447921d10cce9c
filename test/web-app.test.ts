import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/test-app';

// The server's side of the web app (docs/web-app.md): the built files at `/`, index.html for the
// app's own routes, and the API's paths left to the API.
describe('serving the web app', () => {
  let t: TestApp;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'contour-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Contour</title>');
    await writeFile(join(root, 'portal.html'), '<!doctype html><title>Your surgery plan</title>');
    await writeFile(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    t = await startTestApp({ webRoot: root });
  });

  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('answers index.html at / and at any route of the app, never cached', async () => {
    for (const url of ['/', '/plans/0198b3c4-0000-7000-8000-000000000000', '/patients?search=lo']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<title>Contour</title>');
      // Only its own scripts, only this server to talk to, never in another site's frame.
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("connect-src 'self'");
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
    }
  });

  it("answers the patients' page at /p/<token>: the same policy, no referrer, never stored", async () => {
    const token = 'A'.repeat(43);
    for (const url of [`/p/${token}`, '/p/', '/p', `/p/${token}#consent`, '/portal.html']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body, url).toContain('<title>Your surgery plan</title>');
      // The token is in the address: no page may pass it on, no cache may keep the page.
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cache-control'], url).toBe('no-store');
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("connect-src 'self'");
      expect(csp, url).toContain("img-src 'self' data:");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toMatch(/https?:|\*/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
    }
    // A path that only starts with "p" is the staff app's, as before.
    const staff = await get('/plans');
    expect(staff.body).toContain('<title>Contour</title>');
    expect(staff.headers['referrer-policy']).toBe('same-origin');
  });

  it('serves hashed assets as immutable', async () => {
    const res = await get('/assets/index-abc123.js');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('leaves unknown API and health paths to the API: 404 problem+json, not the app', async () => {
    for (const url of ['/api/v1/no-such-thing', '/api', '/health/nothing']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      expect(res.json(), url).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    }
  });

  it('still answers the API and the health checks', async () => {
    expect((await get('/health/live')).statusCode).toBe(200);
    expect((await get('/api/v1/patients')).statusCode).toBe(401);
    expect((await get('/api/openapi.json')).statusCode).toBe(200);
  });

  it('answers a write to an app route with 404, not the page', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/plans', payload: {} });
    expect(res.statusCode).toBe(404);
  });
});
