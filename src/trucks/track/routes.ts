/**
 * HTTP routes of a vehicle's day: the search by VIN or plate, and the day's minute series from
 * truck_minutes (the track and the charts of the dashboard's vehicle page). County-scoped.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../auth/principal.ts';
import { errors, READ, tags, VinParams, type TruckRouteDeps } from '../route-support.ts';
import { vehicleRegions } from '../vehicle-scope.ts';
import { beijingDayOf, beijingDayRange } from '../beijing-day.ts';
import { VehicleDayQuery, VehicleHitOut, VehicleMinutesOut, VehicleSearchQuery } from './schema.ts';
import { scopedVehicle } from './scoped-vehicle.ts';
import { minutesBetween, searchVehicles } from './track-repo.ts';
import { minuteOut, ruleVersions, totalFlags } from './track-view.ts';

/** Registers GET /api/trucks/search and GET /api/trucks/vehicles/:vin/minutes. */
export function registerTruckTrackRoutes(
  app: FastifyInstance,
  deps: Pick<TruckRouteDeps, 'db' | 'clock'>,
): void {
  const { db, clock } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/trucks/search',
    {
      config: READ,
      schema: {
        summary: '按 VIN 或车牌号查找车辆（至多 20 辆，区县账号只查本辖区）',
        tags,
        querystring: VehicleSearchQuery,
        response: { 200: z.array(VehicleHitOut), ...errors },
      },
    },
    async (req) => {
      const regions = await vehicleRegions(db, requirePrincipal(req));
      const rows = await searchVehicles(db.kysely, req.query.q.toUpperCase(), regions);
      return rows.map((v) => ({
        vin: v.vin,
        plate: v.plate,
        plateColour: v.plate_colour,
        emissionStage: v.emission_stage,
        fleet: v.fleet ?? v.owner,
        county: v.region_adcode,
      }));
    },
  );

  r.get(
    '/api/trucks/vehicles/:vin/minutes',
    {
      config: READ,
      schema: {
        summary: '车辆某日（北京时间）的逐分钟汇总：车速、NOx、SCR 温度、尿素、位置、标记',
        tags,
        params: VinParams,
        querystring: VehicleDayQuery,
        response: { 200: VehicleMinutesOut, ...errors },
      },
    },
    async (req) => {
      const v = await scopedVehicle(db, requirePrincipal(req), req.params.vin);
      const day = req.query.day ?? beijingDayOf(clock.now());
      const { start: from, end: to } = beijingDayRange(day);
      const rows = await minutesBetween(db.read.kysely, v.id, from, to);
      const minutes = rows.map(minuteOut);
      return {
        vin: v.vin,
        day,
        from,
        to,
        minutes,
        flags: totalFlags(minutes),
        ruleVersions: ruleVersions(rows),
      };
    },
  );
}
