/** Queries of a vehicle's day: the search and its minutes (plain rows). */
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';
import type { TruckMinuteTable, TruckVehicleTable } from '../tables.ts';

type K = Kysely<DatabaseSchema>;

/** At most this many vehicles answer a search. */
export const SEARCH_LIMIT = 20;

/**
 * Vehicles whose VIN or plate contains `text` (already upper-cased; VINs are stored upper-case),
 * among the counties given ('all' for every county), at most SEARCH_LIMIT, by plate.
 */
export async function searchVehicles(
  k: K,
  text: string,
  regions: 'all' | readonly string[],
): Promise<Array<Selectable<TruckVehicleTable>>> {
  // VINs and plates never hold LIKE's wildcards: they are dropped rather than escaped.
  const plain = text.replace(/[%_\\]/g, '');
  if (plain === '' || (regions !== 'all' && regions.length === 0)) return [];
  const pattern = `%${plain}%`;
  let q = k
    .selectFrom('truck_vehicles')
    .selectAll()
    .where((eb) => eb.or([eb('vin', 'like', pattern), eb('plate', 'like', pattern)]));
  if (regions !== 'all') q = q.where('region_adcode', 'in', [...regions]);
  return q.orderBy('plate').orderBy('vin').limit(SEARCH_LIMIT).execute();
}

/** The vehicle's minutes in [from, to), by time (a day holds at most 1,440). */
export function minutesBetween(
  k: K,
  vehicleId: number,
  from: number,
  to: number,
): Promise<Array<Selectable<TruckMinuteTable>>> {
  return k
    .selectFrom('truck_minutes')
    .selectAll()
    .where('vehicle_id', '=', vehicleId)
    .where('minute', '>=', from)
    .where('minute', '<', to)
    .orderBy('minute')
    .limit(1440)
    .execute();
}
