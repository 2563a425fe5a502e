/**
 * GET /api/gates/live: committed gate passages as server-sent events (event `passage`, data a
 * LivePassage), for signed-in accounts within their scope (a county its region's enterprises, an
 * enterprise its own). Bounded: the feed's listener limit (LT_ERR_GATE_LEDGER_LIVE_FULL), a
 * per-account stream limit (LT_ERR_GATE_LEDGER_LIVE_BUSY), a slow reader whose unsent data passes
 * MAX_BUFFERED is cut off. A comment line every heartbeat interval keeps proxies from closing an
 * idle stream; all streams end when the server stops (preClose).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal, type Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import { ErrorBody } from '../../http/error-body.ts';
import { enterpriseVisibility } from '../../sources/enterprise-scope.ts';
import type { Db } from '../../store/db.ts';
import type { LivePassage, PassageFeed } from '../passage-feed.ts';
import { LiveStreams } from './live-streams.ts';

/** Unsent bytes above which a slow stream is ended. */
const MAX_BUFFERED = 1 << 20;

/** What the live route needs. */
export interface LiveRouteDeps {
  db: Db;
  feed: PassageFeed;
  perUser: number;
  heartbeatMs: number;
}

/** Which passages a principal may see live. */
async function liveFilter(db: Db, p: Principal): Promise<(x: LivePassage) => boolean> {
  const v = await enterpriseVisibility(db, p);
  switch (v.kind) {
    case 'all':
      return () => true;
    case 'regions': {
      const regions = new Set(v.regions);
      return (x) => regions.has(x.countyAdcode);
    }
    case 'enterprise': {
      const e = await db.kysely
        .selectFrom('enterprises')
        .select('id')
        .where('credit_code', '=', v.creditCode)
        .executeTakeFirst();
      return (x) => e !== undefined && x.enterpriseId === e.id;
    }
    case 'none':
      throw new LantianError('LT_ERR_OUT_OF_SCOPE', '没有可查看的企业');
  }
}

/** Registers the live route. */
export function registerLiveRoute(app: FastifyInstance, deps: LiveRouteDeps): void {
  const streams = new LiveStreams(deps.perUser);
  app.addHook('preClose', (done) => {
    streams.endAll();
    done();
  });
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/gates/live',
    {
      config: { access: { roles: ['city-admin', 'department', 'county', 'enterprise'] } },
      schema: {
        summary: '门禁实时过车（server-sent events，事件 passage；区县只收本辖区）',
        tags: ['门禁'],
        response: { 403: ErrorBody, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => {
      const p = requirePrincipal(req);
      const admits = await liveFilter(deps.db, p);
      const raw = reply.raw;
      let ended = false;
      let timer: NodeJS.Timeout | undefined;
      let unsubscribe: (() => void) | undefined;
      let forget: (() => void) | undefined;
      const end = (): void => {
        if (ended) return;
        ended = true;
        clearInterval(timer);
        unsubscribe?.();
        forget?.();
        raw.end();
      };
      forget = streams.add(p.userId, end);
      unsubscribe = deps.feed.subscribe((x) => {
        if (ended || !admits(x)) return;
        raw.write(`event: passage\ndata: ${JSON.stringify(x)}\n\n`);
        if (raw.writableLength > MAX_BUFFERED) end();
      });
      if (!unsubscribe) {
        forget();
        throw new LantianError('LT_ERR_GATE_LEDGER_LIVE_FULL', `上限 ${deps.feed.maxListeners}`);
      }
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      raw.write(`retry: 5000\n: connected\n\n`);
      timer = setInterval(() => raw.write(`: heartbeat ${Date.now()}\n\n`), deps.heartbeatMs);
      timer.unref();
      raw.on('close', end);
    },
  );
}
