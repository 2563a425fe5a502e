/**
 * HTTP routes of the device registry: /api/devices CRUD. A device's recent packets and values
 * are served by ingest (src/ingest/routes.ts), which owns device_values; devices imports nothing
 * from ingest.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import { LantianError } from '../errors.ts';
import { ErrorBody } from '../http/error-body.ts';
import { idStandardWarnings } from '../protocols/hj212/index.ts';
import { findDevice, type DeviceView } from './device-repo.ts';
import { assertDeviceScope, deviceFilter } from './device-scope.ts';
import { createDevice, devices, removeDevice, updateDevice } from './device-service.ts';
import type { IdLimits } from '../protocols/hj212/index.ts';
import type { Db } from '../store/db.ts';
import { DeviceCreateBody, DeviceOut, DevicePatchBody } from './schema.ts';

const tags = ['设备接入'];
const ADMIN = { access: { roles: ['city-admin'] } } as const;
const READ = { access: { roles: ['city-admin', 'department', 'county'] } } as const;
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const MnParams = z.object({ mn: z.string().describe('设备 MN') });

/** A device as the API shows it. */
export function deviceOut(d: DeviceView): z.infer<typeof DeviceOut> {
  return {
    mn: d.mn,
    name: d.name,
    kind: d.kind,
    target: d.target,
    edition: d.edition,
    crc: d.crc,
    intervalS: d.interval_s,
    aliases: JSON.parse(d.aliases) as Record<string, unknown>,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    lastPacketAt: d.last_packet_at,
    lastCn: d.last_cn,
    packets: d.packets ?? 0,
    lineEnd: d.line_end,
    clockSync: d.clock_sync,
    backfill: d.backfill,
    warnings: idStandardWarnings(d.mn, d.password),
  };
}

/** What the device routes are built from. */
export interface DeviceRouteDeps {
  db: Db;
  clock: Clock;
  /** The running listener, told to reload the registry after a change (absent: none runs). */
  ingest?: { refreshDevices(): Promise<void> } | undefined;
  /** Accepted MN / PW lengths (LANTIAN_HJ212_MN_MIN / _MN_MAX / _PW_MAX). */
  idLimits?: IdLimits | undefined;
}

/** Registers /api/devices. */
export function registerDeviceRoutes(
  app: FastifyInstance,
  { db, clock, ingest, idLimits }: DeviceRouteDeps,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const refresh = async (): Promise<void> => {
    await ingest?.refreshDevices();
  };

  r.get(
    '/api/devices',
    {
      config: READ,
      schema: { summary: 'HJ 212 设备列表', tags, response: { 200: z.array(DeviceOut) } },
    },
    async (req) => {
      const visible = await deviceFilter(db, requirePrincipal(req));
      return (await devices(db)).filter(visible).map(deviceOut);
    },
  );

  r.post(
    '/api/devices',
    {
      config: ADMIN,
      schema: {
        summary: '登记设备',
        tags,
        body: DeviceCreateBody,
        response: { 201: DeviceOut, ...errors },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const input = { ...b, name: b.name ?? null };
      const d = await createDevice(db, clock, input, actorOf(req), idLimits);
      await refresh();
      return reply.code(201).send(deviceOut(d));
    },
  );

  r.get(
    '/api/devices/:mn',
    {
      config: READ,
      schema: {
        summary: '设备信息',
        tags,
        params: MnParams,
        response: { 200: DeviceOut, ...errors },
      },
    },
    async (req) => {
      const d = await findDevice(db.kysely, req.params.mn);
      if (!d) throw new LantianError('LT_ERR_DEVICE_NOT_FOUND', req.params.mn);
      await assertDeviceScope(db, requirePrincipal(req), d);
      return deviceOut(d);
    },
  );

  r.patch(
    '/api/devices/:mn',
    {
      config: ADMIN,
      schema: {
        summary: '修改设备登记（只改给出的字段）',
        tags,
        params: MnParams,
        body: DevicePatchBody,
        response: { 200: DeviceOut, ...errors },
      },
    },
    async (req) => {
      const d = await updateDevice(db, clock, req.params.mn, req.body, actorOf(req), idLimits);
      await refresh();
      return deviceOut(d);
    },
  );

  r.delete(
    '/api/devices/:mn',
    {
      config: ADMIN,
      schema: {
        summary: '注销设备（已存数据保留）',
        tags,
        params: MnParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await removeDevice(db, clock, req.params.mn, actorOf(req));
      await refresh();
      return reply.code(204).send(null);
    },
  );
}
