/** A vehicle by VIN for a principal: LT_ERR_VEHICLE_NOT_FOUND, or LT_ERR_OUT_OF_SCOPE. */
import type { Principal } from '../../auth/principal.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { findVehicle, type VehicleView } from '../vehicle-repo.ts';
import { assertVehicleScope } from '../vehicle-scope.ts';

/** The vehicle the principal asked for, when it exists and is theirs to see. */
export async function scopedVehicle(db: Db, p: Principal, vin: string): Promise<VehicleView> {
  const v = await findVehicle(db.kysely, vin.toUpperCase());
  if (!v) throw new LantianError('LT_ERR_VEHICLE_NOT_FOUND', vin);
  await assertVehicleScope(db, p, v);
  return v;
}
