/**
 * HTTP routes of heavy-truck monitoring: the vehicle registry (/api/trucks/vehicles), a
 * vehicle's recent records and the fleet status. Reading is county-scoped (vehicle-scope.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requirePrincipal } from '../auth/principal.ts';
import { LantianError } from '../errors.ts';
import { ADMIN, errors, READ, tags, VinParams, type TruckRouteDeps } from './route-support.ts';
import { VehicleCreateBody, VehicleOut, VehiclePatchBody } from './schema.ts';
import { registerTruckStatusRoutes } from './status-routes.ts';
import { registerTruckDayRoutes } from './days/day-routes.ts';
import { registerTruckTrackRoutes } from './track/routes.ts';
import { registerTruckPlatformRoutes } from './platforms/platform-routes.ts';
import { findVehicle } from './vehicle-repo.ts';
import { assertVehicleScope, vehicleFilter } from './vehicle-scope.ts';
import { changeVehicle, createVehicle, vehicles } from './vehicle-service.ts';
import { vehicleOut } from './vehicle-view.ts';

/** Registers /api/trucks. */
export function registerTruckRoutes(app: FastifyInstance, deps: TruckRouteDeps): void {
  registerVehicleRoutes(app, deps);
  registerTruckStatusRoutes(app, deps);
  // Daily metrics are read-heavy lists: they read through `db.read` (docs/scale.md).
  registerTruckDayRoutes(app, { ...deps, db: deps.db.read });
  registerTruckTrackRoutes(app, deps);
  registerTruckPlatformRoutes(app, deps);
}

/** Registers the vehicle registry routes. */
function registerVehicleRoutes(app: FastifyInstance, deps: TruckRouteDeps): void {
  const { db, clock, config, live } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const out = (v: Parameters<typeof vehicleOut>[0]) =>
    vehicleOut(v, clock.now(), config.onlineWindowS, live);

  r.get(
    '/api/trucks/vehicles',
    {
      config: READ,
      schema: {
        summary: '重型车登记列表（含在线状态）',
        tags,
        response: { 200: z.array(VehicleOut) },
      },
    },
    async (req) => {
      const visible = await vehicleFilter(db, requirePrincipal(req));
      return (await vehicles(db)).filter(visible).map(out);
    },
  );

  r.post(
    '/api/trucks/vehicles',
    {
      config: ADMIN,
      schema: {
        summary: '登记重型车及其车载终端',
        tags,
        body: VehicleCreateBody,
        response: { 201: VehicleOut, ...errors },
      },
    },
    async (req, reply) => {
      const v = await createVehicle(db, clock, req.body, actorOf(req));
      await live?.refreshVehicles();
      return reply.code(201).send(out(v));
    },
  );

  r.get(
    '/api/trucks/vehicles/:vin',
    {
      config: READ,
      schema: {
        summary: '车辆信息与状态',
        tags,
        params: VinParams,
        response: { 200: VehicleOut, ...errors },
      },
    },
    async (req) => {
      const v = await findVehicle(db.kysely, req.params.vin.toUpperCase());
      if (!v) throw new LantianError('LT_ERR_VEHICLE_NOT_FOUND', req.params.vin);
      await assertVehicleScope(db, requirePrincipal(req), v);
      return out(v);
    },
  );

  r.patch(
    '/api/trucks/vehicles/:vin',
    {
      config: ADMIN,
      schema: {
        summary: '修改车辆登记（只改给出的字段，如应答模式、区县、终端）',
        tags,
        params: VinParams,
        body: VehiclePatchBody,
        response: { 200: VehicleOut, ...errors },
      },
    },
    async (req) => {
      const v = await changeVehicle(
        db,
        clock,
        req.params.vin.toUpperCase(),
        req.body,
        actorOf(req),
      );
      await live?.refreshVehicles();
      return out(v);
    },
  );
}
