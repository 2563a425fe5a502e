/** The landing page and health check. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';

const HOME = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>蓝天 Lantian</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:48rem;margin:3rem auto;padding:0 1rem;color:#1f2d3d}
h1{color:#1677ff}code{background:#f2f4f7;padding:.1rem .3rem;border-radius:3px}li{margin:.3rem 0}</style></head>
<body><h1>蓝天 Lantian</h1><p>城市大气污染防治管理平台。接口文档见 <a href="/docs">/docs</a>。</p>
<ul>
<li><a href="/api/regions">/api/regions</a>：行政区</li>
<li><a href="/api/stations">/api/stations</a>：监测站点</li>
<li><code>/api/regions/{adcode}/aqi/daily?from=&amp;to=</code>：区域逐日 AQI</li>
<li><code>/api/regions/{adcode}/assessment?from=&amp;to=</code>：区域空气质量评价（HJ 663）</li>
<li><code>/api/stations/{code}/readings?from=&amp;to=</code>：站点小时数据</li>
</ul></body></html>`;

/** What the landing page and health check need: the store (for its dialect) and the clock. */
export interface HomeDeps {
  db: Pick<Db, 'dialect'>;
  clock: Clock;
}

/** Registers GET / and GET /api/health. */
export function registerHomeRoutes(app: FastifyInstance, deps: HomeDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/',
    { config: { access: { roles: 'public' } }, schema: { hide: true } },
    async (_req, reply) => reply.type('text/html; charset=utf-8').send(HOME),
  );
  r.get(
    '/api/health',
    {
      config: { access: { roles: 'public' } },
      schema: {
        summary: '健康检查',
        tags: ['系统'],
        response: {
          200: z.object({
            ok: z.boolean(),
            database: z.enum(['sqlite', 'postgres']),
            time: z.number(),
          }),
        },
      },
    },
    async () => ({ ok: true, database: deps.db.dialect, time: deps.clock.now() }),
  );
}
