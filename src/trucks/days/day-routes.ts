/**
 * HTTP routes of the trucks' daily metrics: vehicle-days (/api/trucks/days), fleet and county
 * roll-ups (/api/trucks/rollups) and a vehicle's judgements. County-scoped (day-service.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../auth/principal.ts';
import { errors, READ, tags, VinParams, type TruckRouteDeps } from '../route-support.ts';
import { beijingDayOf } from '../beijing-day.ts';
import {
  DayQuery,
  RollupQuery,
  RollupsOut,
  VehicleDaysOut,
  VehicleJudgementsOut,
  NetworkedOut,
} from './day-schema.ts';
import { dayRollups, vehicleDays, vehicleJudgements } from './day-service.ts';
import { networkedVehicles } from './networked.ts';

/** Registers the daily metrics routes. */
export function registerTruckDayRoutes(app: FastifyInstance, deps: TruckRouteDeps): void {
  const { db, clock, config } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const dayOf = (q: { day?: string | undefined }) => q.day ?? beijingDayOf(clock.now());

  r.get(
    '/api/trucks/days',
    {
      config: READ,
      schema: {
        summary: '车辆日指标（在线、完整率、丢包率、里程、油耗、NOx 估算、标记与判定数）',
        tags,
        querystring: DayQuery,
        response: { 200: VehicleDaysOut, ...errors },
      },
    },
    async (req) => {
      const day = dayOf(req.query);
      return { day, vehicles: await vehicleDays(db, requirePrincipal(req), day) };
    },
  );

  r.get(
    '/api/trucks/rollups',
    {
      config: READ,
      schema: {
        summary: '按车队或区县汇总的日指标（在线率、完整率、标记、判定）',
        tags,
        querystring: RollupQuery,
        response: { 200: RollupsOut, ...errors },
      },
    },
    async (req) => dayRollups(db, requirePrincipal(req), dayOf(req.query), req.query.by),
  );

  r.get(
    '/api/trucks/vehicles/:vin/judgements',
    {
      config: READ,
      schema: {
        summary: '车辆某日的时段判定（规则、版本、时段、说明与证据）',
        tags,
        params: VinParams,
        querystring: DayQuery,
        response: { 200: VehicleJudgementsOut, ...errors },
      },
    },
    async (req) => vehicleJudgements(db, requirePrincipal(req), req.params.vin, dayOf(req.query)),
  );

  r.get(
    '/api/trucks/networked',
    {
      config: READ,
      schema: {
        summary: '联网车辆数与方案目标（12600 辆重型柴油货车远程在线监控并联网）',
        tags,
        response: { 200: NetworkedOut, ...errors },
      },
    },
    async (req) => networkedVehicles(db, requirePrincipal(req), config.days, clock.now()),
  );
}
