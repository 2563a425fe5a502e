/** GET /api/trucks/vehicles/:vin/judgements: a vehicle's windowed-rule judgements of a day. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requirePrincipal } from '../../auth/principal.ts';
import { errors, READ, tags, VinParams, type TruckRouteDeps } from '../route-support.ts';
import { beijingDayOf } from './beijing-day.ts';
import { VehicleDayQuery, VehicleJudgementsOut } from './schema.ts';
import { scopedVehicle } from './scoped-vehicle.ts';
import { judgementsOfDay } from './track-repo.ts';
import { judgementOut } from './track-view.ts';

/** Registers the judgements route. */
export function registerTruckJudgementRoutes(
  app: FastifyInstance,
  deps: Pick<TruckRouteDeps, 'db' | 'clock'>,
): void {
  const { db, clock } = deps;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/trucks/vehicles/:vin/judgements',
    {
      config: READ,
      schema: {
        summary: '车辆某日（北京时间）的时段判定：规则与版本、证据时段、说明与证据',
        tags,
        params: VinParams,
        querystring: VehicleDayQuery,
        response: { 200: VehicleJudgementsOut, ...errors },
      },
    },
    async (req) => {
      const v = await scopedVehicle(db, requirePrincipal(req), req.params.vin);
      const day = req.query.day ?? beijingDayOf(clock.now());
      const rows = await judgementsOfDay(db.kysely, v.id, day);
      return { vin: v.vin, day, judgements: rows.map(judgementOut) };
    },
  );
}
