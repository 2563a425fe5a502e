/**
 * A stored vehicle as others see it: in the registration's shape (audit records, edits), and as
 * the API shows it (registration, last status, online and connected).
 */
import type { z } from 'zod';
import type { TruckLive } from './live.ts';
import type { ValidVehicle } from './rules/vehicle-rules.ts';
import type { VehicleOut } from './schema.ts';
import type { VehicleView } from './vehicle-repo.ts';

/** Online: the last frame is at most `onlineWindowS` old at `now`. */
export function isOnline(lastFrameAt: number | null, now: number, onlineWindowS: number): boolean {
  return lastFrameAt !== null && now - lastFrameAt <= onlineWindowS * 1000;
}

/** A stored vehicle in the registration's shape (for audit records). */
export function viewAsInput(v: VehicleView): ValidVehicle {
  return {
    vin: v.vin,
    plate: v.plate,
    plateColour: v.plate_colour,
    emissionStage: v.emission_stage,
    fuel: v.fuel,
    owner: v.owner,
    fleet: v.fleet,
    county: v.region_adcode,
    iccid: v.iccid,
    chipId: v.chip_id,
    replyMode: v.reply_mode as ValidVehicle['replyMode'],
    layout: v.layout as ValidVehicle['layout'],
    signKey: v.sign_key,
  };
}

/** The API shape of a vehicle. */
export function vehicleOut(
  v: VehicleView,
  now: number,
  onlineWindowS: number,
  live: TruckLive | undefined,
): z.infer<typeof VehicleOut> {
  const s = v.status;
  return {
    ...viewAsInput(v),
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    status: {
      online: isOnline(s?.last_frame_at ?? null, now, onlineWindowS),
      connected: live?.isConnected(v.vin) ?? false,
      lastFrameAt: s?.last_frame_at ?? null,
      lastRecordTime: s?.last_record_time ?? null,
      lastLon: s?.last_lon ?? null,
      lastLat: s?.last_lat ?? null,
      lastSpeed: s?.last_speed ?? null,
      lastLoginAt: s?.last_login_at ?? null,
      records: s?.records ?? 0,
    },
  };
}
