/** HTTP routes of the trucks' live side: fleet counts, a vehicle's recent records, rejections. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/principal.ts';
import { LantianError } from '../errors.ts';
import { readRecentRecords, type DetailRecord } from './detail/vehicle-detail.ts';
import { ADMIN, errors, READ, tags, VinParams, type TruckRouteDeps } from './route-support.ts';
import { RejectionOut, TruckRecordOut, TrucksStatusOut, VehicleRecordsOut } from './schema.ts';
import { findVehicle } from './vehicle-repo.ts';
import { assertVehicleScope, vehicleFilter } from './vehicle-scope.ts';
import { vehicles } from './vehicle-service.ts';
import { isOnline } from './vehicle-view.ts';

/** A record (decoded from the archive) as the API shows it. */
function recordOut(r: DetailRecord): z.infer<typeof TruckRecordOut> {
  return {
    time: r.record_time,
    type: r.type,
    seq: r.seq,
    reissue: r.command === 0x03,
    speed: r.speed,
    lon: r.lon,
    lat: r.lat,
    fixValid: r.fix_valid === null ? null : r.fix_valid === 1,
    noxUpstream: r.nox_upstream,
    noxDownstream: r.nox_downstream,
    scrInletTemp: r.scr_inlet_temp,
    scrOutletTemp: r.scr_outlet_temp,
    reagent: r.reagent,
    rpm: r.rpm,
    torque: r.torque,
    fuelFlow: r.fuel_flow,
    airFlow: r.air_flow,
    mileage: r.mileage,
    extra: r.extra === null ? null : (JSON.parse(r.extra) as Record<string, unknown>),
    flags: r.flags === null ? [] : (JSON.parse(r.flags) as Array<{ code: string; detail: string }>),
    ruleVersion: r.rule_version,
    receivedAt: r.received_at,
  };
}

/** Registers the status routes: fleet counts, a vehicle's recent records, recent rejections. */
export function registerTruckStatusRoutes(app: FastifyInstance, deps: TruckRouteDeps): void {
  const { db, clock, config, live, archive } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/trucks/status',
    {
      config: READ,
      schema: {
        summary: '重型车在线概况（区县账号只统计本辖区车辆）',
        tags,
        response: { 200: TrucksStatusOut },
      },
    },
    async (req) => {
      const p = requirePrincipal(req);
      // The fleet list is the load: read through `db.read` (the replica, if any).
      const visible = (await vehicles(db.read)).filter(await vehicleFilter(db.read, p));
      const now = clock.now();
      const connected = live?.connectedVins() ?? new Set<string>();
      const snap = live?.snapshot();
      const cityWide = p.role === 'city-admin' || p.role === 'department';
      return {
        vehicles: visible.length,
        online: visible.filter((v) =>
          isOnline(v.status?.last_frame_at ?? null, now, config.onlineWindowS),
        ).length,
        connected: visible.filter((v) => connected.has(v.vin)).length,
        onlineWindowS: config.onlineWindowS,
        listener: !cityWide
          ? null
          : snap
            ? { running: true, ...snap }
            : {
                running: false,
                port: null,
                connections: 0,
                connectionsRefused: 0,
                framesAccepted: 0,
                rejections: {},
              },
      };
    },
  );

  r.get(
    '/api/trucks/vehicles/:vin/records',
    {
      config: READ,
      schema: {
        summary: '车辆最近的记录（按采集时间倒序，含判定标记；取自今明两日归档的原始帧）',
        tags,
        params: VinParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(50) }),
        response: { 200: VehicleRecordsOut, ...errors },
      },
    },
    async (req) => {
      const v = await findVehicle(db.kysely, req.params.vin.toUpperCase());
      if (!v) throw new LantianError('LT_ERR_VEHICLE_NOT_FOUND', req.params.vin);
      await assertVehicleScope(db, requirePrincipal(req), v);
      const rows = archive
        ? await readRecentRecords(archive, v, clock.now(), req.query.limit, config.rules)
        : [];
      return { vin: v.vin, records: rows.map(recordOut) };
    },
  );

  r.get(
    '/api/trucks/rejections',
    {
      config: ADMIN,
      schema: {
        summary: '终端接入最近被拒收的报文（原因、来源、报文开头）',
        tags,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.array(RejectionOut) },
      },
    },
    async (req) => live?.recentRejections(req.query.limit) ?? [],
  );
}
