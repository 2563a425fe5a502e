/**
 * The dashboard served by the API's own server: index.html at / and at every page path, hashed
 * build files cached for a year and sent precompressed, the API and /docs never shadowed (an
 * unknown API path keeps its JSON 404), the county boundaries gzip'd with an ETag; and without a
 * build, / stays the landing page.
 */
import type { FastifyInstance } from 'fastify';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { DATA_CSP, PAGE_CSP } from '../src/http/security-headers.ts';
import { fixedClock } from '../src/clock.ts';
import { openTestStore, type TestStore } from './support/databases.ts';

const INDEX =
  '<!doctype html><html lang="zh-CN"><head><title>蓝天</title></head><body><div id="app"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('蓝天'.repeat(400))});`;

/** GET with the raw (possibly compressed) body: fetch would decompress it silently. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe('dashboard serving', () => {
  let t: TestStore;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  let base: string;
  let dist: string;

  beforeAll(async () => {
    t = await openTestStore('sqlite');
    dist = mkdtempSync(join(tmpdir(), 'lantian-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-AbCdEf12.js'), SCRIPT);
    writeFileSync(join(dist, 'assets', 'index-AbCdEf12.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await buildApp({
      db: t.db,
      clock: fixedClock(0),
      logLevel: false,
      web: { distDir: dist },
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    bare = await buildApp({
      db: t.db,
      clock: fixedClock(0),
      logLevel: false,
      web: { distDir: join(dist, 'missing') },
    });
    await bare.ready();
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
    await t?.cleanup();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at / and at deep links, never cached stale', async () => {
    for (const path of ['/', '/overview', '/air?tab=calendar', '/system/users/3']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX);
    }
    const head = await fetch(base + '/', { method: 'HEAD' });
    expect(head.status).toBe(200);
  });

  it('sends hashed files precompressed with a year of caching', async () => {
    const res = await rawGet(base + '/assets/index-AbCdEf12.js', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-type']).toMatch(/javascript/);
    const raw = res.body;
    expect(raw.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 4);
    expect(gunzipSync(raw).toString('utf8')).toBe(SCRIPT);
    const plain = await fetch(base + '/assets/index-AbCdEf12.js', {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    const icon = await fetch(base + '/favicon.svg');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('keeps the API, its 404 and the OpenAPI document unchanged', async () => {
    const nope = await fetch(base + '/api/nope');
    expect(nope.status).toBe(404);
    expect(await nope.json()).toMatchObject({ code: 'LT_ERR_NOT_FOUND' });
    const health = await fetch(base + '/api/health');
    expect(await health.json()).toMatchObject({ ok: true });
    const doc = await fetch(base + '/docs/json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(((await doc.json()) as { paths: object }).paths);
    expect(paths).toContain('/api/overview');
    expect(paths).toContain('/api/maps/{adcode}');
    expect(paths.some((p) => p.includes('*'))).toBe(false);
    const ui = await fetch(base + '/docs');
    expect(ui.status).toBe(200);
    expect(await ui.text()).not.toBe(INDEX);
  });

  it('sends a Content-Security-Policy with every answer: pages run only their own scripts', async () => {
    const csp = async (path: string) =>
      (await fetch(base + path)).headers.get('content-security-policy') ?? '';
    for (const path of ['/', '/overview', '/docs/static/index.html']) {
      const policy = await csp(path);
      expect(policy, path).toBe(PAGE_CSP);
      const script = /script-src ([^;]*)/.exec(policy)?.[1];
      expect(script, path).toBe("'self'");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
    // JSON, build files, errors and boundaries may load and run nothing.
    for (const path of [
      '/api/health',
      '/api/nope',
      '/assets/index-AbCdEf12.js',
      '/api/maps/130400',
    ])
      expect(await csp(path), path).toBe(DATA_CSP);
    expect(DATA_CSP).toMatch(/^default-src 'none'/);
    const res = await fetch(base + '/api/health');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // The landing page of a server without a build too.
    const landing = await bare.inject({ method: 'GET', url: '/' });
    expect(landing.headers['content-security-policy']).toBe(PAGE_CSP);
  });

  it('answers a missing build file with 404, not with the page', async () => {
    const res = await fetch(base + '/assets/gone-12345678.js');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'LT_ERR_NOT_FOUND' });
  });

  it("serves county boundaries gzip'd with an ETag and 304 on revalidation", async () => {
    const res = await rawGet(base + '/api/maps/130400', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const geo = JSON.parse(gunzipSync(res.body).toString('utf8')) as {
      features: Array<{ properties: { adcode: number } }>;
    };
    expect(geo.features).toHaveLength(18);
    expect(geo.features.map((f) => f.properties.adcode)).toContain(130481);
    expect(res.body.length).toBeLessThan(60_000);
    const etag = String(res.headers['etag']);
    const again = await fetch(base + '/api/maps/130400', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(base + '/api/maps/999999')).status).toBe(404);
    expect((await fetch(base + '/api/maps/13x400')).status).toBe(400);
  });

  it('leaves the landing page at / when no dashboard is built', async () => {
    const res = await bare.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('蓝天 Lantian');
    expect(res.body).not.toBe(INDEX);
    expect((await bare.inject({ method: 'GET', url: '/overview' })).statusCode).toBe(404);
  });
});
