/**
 * The daily metrics as an account may see them: vehicle-days, fleet and county roll-ups and a
 * vehicle's judgements, county accounts seeing only their own vehicles (vehicle-scope.ts).
 */
import type { z } from 'zod';
import { listRegions } from '../../air/region-repo.ts';
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { findVehicle, listVehicles, type VehicleRow } from '../vehicle-repo.ts';
import { assertVehicleScope, vehicleFilter } from '../vehicle-scope.ts';
import { beijingDayRange } from '../beijing-day.ts';
import { judgementCountsOn, judgementsOf, vehicleDaysOn, type VehicleDayRow } from './day-repo.ts';
import type { RollupsOut, VehicleDayOut, VehicleJudgementsOut } from './day-schema.ts';
import { rollup } from './rollups.ts';

async function visibleVehicles(db: Db, p: Principal): Promise<VehicleRow[]> {
  const visible = await vehicleFilter(db, p);
  return (await listVehicles(db.kysely)).filter(visible);
}

function dayOut(v: VehicleRow, d: VehicleDayRow): z.output<typeof VehicleDayOut> {
  return {
    vin: v.vin,
    plate: v.plate,
    fleet: v.fleet,
    county: v.region_adcode,
    online: d.online === 1,
    records: d.records,
    engineSeconds: d.engine_seconds,
    completeness: d.completeness,
    packetLoss: d.packet_loss,
    mileageKm: d.mileage_km,
    fuelL: d.fuel_l,
    noxG: d.nox_g,
    fixes: d.fixes,
    firstAt: d.first_at,
    lastAt: d.last_at,
    flagCounts: d.flag_counts ? (JSON.parse(d.flag_counts) as Record<string, number>) : {},
    judgements: d.judgements,
    metricsVersion: d.metrics_version,
    computedAt: d.computed_at,
  };
}

/** The computed vehicle-days of a day, of the vehicles in scope, by VIN. */
export async function vehicleDays(
  db: Db,
  p: Principal,
  day: string,
): Promise<z.output<typeof VehicleDayOut>[]> {
  beijingDayRange(day);
  const vehicles = await visibleVehicles(db, p);
  const days = new Map((await vehicleDaysOn(db.kysely, day)).map((d) => [d.vehicle_id, d]));
  return vehicles.flatMap((v) => {
    const d = days.get(v.id);
    return d ? [dayOut(v, d)] : [];
  });
}

/** The fleet or county roll-up of a day over the vehicles in scope. */
export async function dayRollups(
  db: Db,
  p: Principal,
  day: string,
  by: 'fleet' | 'county',
): Promise<z.output<typeof RollupsOut>> {
  beijingDayRange(day);
  const vehicles = await visibleVehicles(db, p);
  const days = await vehicleDaysOn(db.kysely, day);
  const judgements = new Map<number, Record<string, number>>();
  for (const j of await judgementCountsOn(db.kysely, day))
    judgements.set(j.vehicle_id, { ...judgements.get(j.vehicle_id), [j.rule]: j.n });
  const names = new Map((await listRegions(db)).map((r) => [r.adcode, r.name]));
  const ids = new Set(vehicles.map((v) => v.id));
  const computed = days.filter((d) => ids.has(d.vehicle_id)).map((d) => d.computed_at);
  return {
    day,
    by,
    ...rollup(by, vehicles, days, judgements, names),
    computedAt: computed.length === 0 ? null : Math.max(...computed),
  };
}

/** A vehicle's judgements of a day (LT_ERR_VEHICLE_NOT_FOUND, LT_ERR_OUT_OF_SCOPE). */
export async function vehicleJudgements(
  db: Db,
  p: Principal,
  vin: string,
  day: string,
): Promise<z.output<typeof VehicleJudgementsOut>> {
  beijingDayRange(day);
  const v = await findVehicle(db.kysely, vin.toUpperCase());
  if (!v) throw new LantianError('LT_ERR_VEHICLE_NOT_FOUND', vin);
  await assertVehicleScope(db, p, v);
  return {
    vin: v.vin,
    day,
    judgements: (await judgementsOf(db.kysely, v.id, day)).map((j) => ({
      id: Number(j.id),
      rule: j.rule,
      ruleVersion: j.rule_version,
      start: Number(j.start_time),
      end: Number(j.end_time),
      detail: j.detail,
      evidence: JSON.parse(j.evidence) as Record<string, unknown>,
      createdAt: Number(j.created_at),
    })),
  };
}
