/**
 * The detail loader of the vehicle-day job (days/day-job.ts) over the raw archive: a vehicle's
 * records and anti-tamper alarms of a Beijing day, decoded from its archived frames with the
 * vehicle's configured layout (vehicle-detail.ts).
 */
import type { Db } from '../../store/db.ts';
import type { TruckArchiveReader } from '../archive/archive-reader.ts';
import type { RecordRuleConfig } from '../rules/record-flags.ts';
import { readVehicleDetail, type DetailRecord } from './vehicle-detail.ts';

/** Loads one vehicle's records of one Beijing day from the archive. */
export function archiveDetailLoader(
  db: Db,
  archive: TruckArchiveReader,
  rules: RecordRuleConfig,
): (vehicleId: number, day: string) => Promise<DetailRecord[]> {
  return async (vehicleId, day) => {
    const v = await db.kysely
      .selectFrom('truck_vehicles')
      .select(['id', 'layout'])
      .where('id', '=', vehicleId)
      .executeTakeFirst();
    return v === undefined ? [] : readVehicleDetail(archive, v, day, rules);
  };
}
