/**
 * The detail loader over what the database stores today: a vehicle's records of a Beijing day
 * (truck_records) and its anti-tamper alarms (0x06 frames in truck_frames, decoded by the codec
 * and given as rows with command 0x06, their time and position). When the 1-Hz detail moves to
 * the archive, the archive's reader takes this one's place (the job takes any DetailLoader).
 */
import { decodeFrame, Gb17691Framer, timeToEpochMs } from '../../protocols/gb17691/index.ts';
import type { Db } from '../../store/db.ts';
import type { RecordRow } from '../record-rows.ts';
import { beijingDayRange } from './beijing-day.ts';
import type { DetailLoader } from './day-job.ts';

/** An anti-tamper frame (hex, as stored) as a row, or null when it does not decode. */
export function antiTamperRow(rawHex: string, receivedAt: number): RecordRow | null {
  for (const f of new Gb17691Framer().push(Buffer.from(rawHex, 'hex'))) {
    if (!f.ok) continue;
    const d = decodeFrame(f, { vinCheckDigit: 'off' });
    if (!d.ok || d.message.kind !== 'anti-tamper') continue;
    const m = d.message;
    const t = m.time === null ? Number.NaN : timeToEpochMs(m.time);
    return {
      record_time: Number.isFinite(t) ? t : receivedAt,
      type: 0,
      seq: m.serial,
      command: 0x06,
      speed: null,
      lon: m.lon,
      lat: m.lat,
      nox_upstream: null,
      nox_downstream: null,
      scr_inlet_temp: null,
      scr_outlet_temp: null,
      reagent: null,
      rpm: null,
      torque: null,
      fuel_flow: null,
      air_flow: null,
      mileage: null,
      fix_valid: m.fixValid ? 1 : 0,
      extra: null,
      flags: null,
      rule_version: null,
    };
  }
  return null;
}

/** Loads a vehicle-day's records and alarms from truck_records and truck_frames. */
export function storedDetailLoader(db: Db): DetailLoader {
  return async (vehicleId, day) => {
    const { start, end } = beijingDayRange(day);
    const records = await db.kysely
      .selectFrom('truck_records')
      .select([
        'record_time',
        'type',
        'seq',
        'command',
        'speed',
        'lon',
        'lat',
        'nox_upstream',
        'nox_downstream',
        'scr_inlet_temp',
        'scr_outlet_temp',
        'reagent',
        'rpm',
        'torque',
        'fuel_flow',
        'air_flow',
        'mileage',
        'fix_valid',
        'extra',
        'flags',
        'rule_version',
      ])
      .where('vehicle_id', '=', vehicleId)
      .where('record_time', '>=', start)
      .where('record_time', '<', end)
      .execute();
    // Alarms are sent while main power is off; their own time may lag the receipt by a day.
    const frames = await db.kysely
      .selectFrom('truck_frames')
      .select(['raw', 'received_at'])
      .where('vehicle_id', '=', vehicleId)
      .where('command', '=', 0x06)
      .where('received_at', '>=', start)
      .where('received_at', '<', end + 86_400_000)
      .execute();
    const alarms = frames
      .map((f) => antiTamperRow(f.raw, Number(f.received_at)))
      .filter((r): r is RecordRow => r !== null && r.record_time >= start && r.record_time < end);
    return [...records.map((r) => ({ ...r, record_time: Number(r.record_time) })), ...alarms];
  };
}
