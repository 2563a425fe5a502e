/**
 * HTTP routes of HJ 212 ingest: live status, recent rejections, quarantine, and a device's recent
 * packets and stored values (ingest owns device_values).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import { findDevice } from '../devices/device-repo.ts';
import { departmentOwnsDevices } from '../auth/monitoring-owner.ts';
import { assertDeviceScope, deviceFilter } from '../devices/device-scope.ts';
import { devices } from '../devices/device-service.ts';
import {
  listQuarantine,
  recentDeviceValues,
  type StoredDeviceValue,
} from './device-values-repo.ts';
import { splitInvalid } from './rules/value-plausibility.ts';
import { replayQuarantine } from './hj212/quarantine-replay.ts';
import type { Hj212Ingest } from './hj212/server.ts';
import {
  DeviceRecentOut,
  DeviceValueOut,
  IngestStatusOut,
  QuarantinedOut,
  QuarantineReplayOut,
  RejectionOut,
} from './schema.ts';

const tags = ['设备接入'];
const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const ADMIN = { access: { roles: ['city-admin'] } } as const;

/**
 * MNs the caller may see, or 'all' (the city office and the department that owns the monitoring
 * network, who also see unregistered MNs; device-scope.ts).
 */
async function visibleMns(db: Db, req: FastifyRequest): Promise<'all' | Set<string>> {
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

/** What the ingest routes are built from. */
export interface IngestRouteDeps {
  db: Db;
  clock: Clock;
  /** The running listener (absent: its live routes answer 503). */
  ingest?: Hj212Ingest | undefined;
}

function valueOut(v: StoredDeviceValue): z.infer<typeof DeviceValueOut> {
  const { extra, invalid } = splitInvalid(
    v.extra === null ? null : (JSON.parse(v.extra) as Record<string, string>),
  );
  return {
    cn: String(v.cn),
    code: v.code,
    dataTime: v.data_time,
    rtd: v.rtd,
    avg: v.avg,
    min: v.min,
    max: v.max,
    zsRtd: v.zs_rtd,
    zsAvg: v.zs_avg,
    zsMin: v.zs_min,
    zsMax: v.zs_max,
    cou: v.cou,
    flag: v.flag,
    eflag: v.eflag,
    extra,
    invalid,
    receivedAt: v.received_at,
  };
}

/** Registers /api/ingest/* and /api/devices/:mn/recent. */
export function registerIngestRoutes(
  app: FastifyInstance,
  { db, clock, ingest }: IngestRouteDeps,
): void {
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
    '/api/devices/:mn/recent',
    {
      config: READ,
      schema: {
        summary: '设备最近的报文与数据',
        tags,
        params: z.object({ mn: z.string().describe('设备 MN') }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(20) }),
        response: { 200: DeviceRecentOut, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const d = await findDevice(db.kysely, req.params.mn);
      if (!d) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', req.params.mn);
      await assertDeviceScope(db, requirePrincipal(req), d);
      // Start from the newest DataTime the device sent (the running listener knows it before it
      // is persisted); data may be old (back-filled) or a little ahead of the clock.
      const newest = ingest?.lastDataTime(d.mn) ?? d.last_data_time ?? clock.now();
      // The values are the load (the replica's, if any); the device itself is read from the primary.
      const values = await recentDeviceValues(db.read, d.id, newest, req.query.limit);
      return {
        mn: d.mn,
        ingestRunning: ingest !== undefined,
        packets: ingest?.recentPackets(d.mn, req.query.limit) ?? [],
        values: values.map(valueOut),
      };
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
