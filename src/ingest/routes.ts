/** HTTP routes of HJ 212 ingest: live status, recent rejections, quarantine. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.ts';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import { departmentOwnsDevices, deviceFilter } from '../devices/device-scope.ts';
import { devices } from '../devices/device-service.ts';
import { listQuarantine } from './device-values-repo.ts';
import { replayQuarantine } from './hj212/quarantine-replay.ts';
import type { Hj212Ingest } from './hj212/server.ts';
import { IngestStatusOut, QuarantinedOut, QuarantineReplayOut, RejectionOut } from './schema.ts';

const tags = ['设备接入'];
const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const ADMIN = { access: { roles: ['city-admin'] } } as const;

/**
 * MNs the caller may see, or 'all' (the city office and the department that owns the monitoring
 * network, who also see unregistered MNs; device-scope.ts).
 */
async function visibleMns(db: AppDeps['db'], req: FastifyRequest): Promise<'all' | Set<string>> {
  const p = requirePrincipal(req);
  if (p.role === 'city-admin') return 'all';
  if (p.role === 'department') {
    return (await departmentOwnsDevices(db, p.department)) ? 'all' : new Set();
  }
  const visible = await deviceFilter(db, p);
  return new Set((await devices(db)).filter(visible).map((d) => d.mn));
}

function running(ingest: Hj212Ingest | undefined): Hj212Ingest {
  if (!ingest) throw new LantianError('LT_ERR_INGEST_NOT_RUNNING');
  return ingest;
}

/** Registers /api/ingest/*. */
export function registerIngestRoutes(app: FastifyInstance, { db, clock, ingest }: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/ingest/status',
    {
      config: READ,
      schema: {
        summary:
          'HJ 212 接入实时状态：连接、各设备最后报文、每分钟报文与拒绝数、队列深度、沉默设备',
        tags,
        querystring: z.object({
          devices: z
            .enum(['all', 'silent', 'none'])
            .default('all')
            .describe('设备列表：全部、仅沉默设备、不列出'),
        }),
        response: { 200: IngestStatusOut, 503: ErrorBody },
      },
    },
    async (req) => {
      const s = running(ingest).status();
      const mns = await visibleMns(db, req);
      const mine = mns === 'all' ? s.devices.list : s.devices.list.filter((d) => mns.has(d.mn));
      const list =
        req.query.devices === 'none'
          ? []
          : req.query.devices === 'silent'
            ? mine.filter((d) => d.silent)
            : mine;
      // Connections name MNs and peers: only those of the caller's devices.
      const connections =
        mns === 'all'
          ? s.connections
          : {
              ...s.connections,
              list: s.connections.list.filter((c) => c.mn !== null && mns.has(c.mn)),
            };
      return { ...s, connections, devices: { ...s.devices, list } };
    },
  );

  r.get(
    '/api/ingest/rejections',
    {
      config: READ,
      schema: {
        summary: '最近被拒绝的报文及原因（字节已转义）',
        tags,
        querystring: z.object({
          mn: z.string().optional(),
          reason: z.string().optional().describe('拒绝原因，如 crc_mismatch、unknown_device'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.array(RejectionOut),
          503: ErrorBody,
        },
      },
    },
    async (req) => {
      const { mn, reason, limit } = req.query;
      const mns = await visibleMns(db, req);
      const list = running(ingest).rejections({
        limit: mns === 'all' ? limit : 500,
        ...(mn ? { mn } : {}),
        ...(reason ? { reason } : {}),
      });
      // A county sees the rejections of its own devices only (never those of unknown MNs).
      return mns === 'all'
        ? list
        : list.filter((x) => x.mn !== null && mns.has(x.mn)).slice(0, limit);
    },
  );

  r.get(
    '/api/ingest/quarantine',
    {
      config: READ,
      schema: {
        summary: '隔离的报文（未登记设备或密码错误，LANTIAN_HJ212_UNKNOWN=quarantine 时保存）',
        tags,
        querystring: z.object({
          mn: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: {
          200: z.array(QuarantinedOut),
        },
      },
    },
    async (req) =>
      // Quarantined packets come from unregistered devices: no county owns them.
      ((await visibleMns(db, req)) === 'all'
        ? await listQuarantine(db, { mn: req.query.mn, limit: req.query.limit })
        : []
      ).map((q) => ({
        id: q.id,
        receivedAt: q.received_at,
        peer: q.peer,
        mn: q.mn,
        reason: q.reason,
        st: q.st,
        cn: q.cn,
        raw: q.raw,
      })),
  );

  r.post(
    '/api/ingest/quarantine/replay',
    {
      config: ADMIN,
      schema: {
        summary: '把隔离区中某 MN 的报文按现在的登记重新入库（先登记设备或改正密码）',
        tags,
        body: z.object({ mn: z.string() }),
        response: {
          200: QuarantineReplayOut,
          404: ErrorBody,
        },
      },
    },
    async (req) => replayQuarantine(db, clock, req.body.mn, actorOf(req), ingest?.plausibleRanges),
  );
}
