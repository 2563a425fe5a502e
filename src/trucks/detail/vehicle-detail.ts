/**
 * 1-Hz detail of one vehicle read back from the archive: the vehicle's archived frames are decoded
 * again with the GB 17691 codec (the vehicle's configured layout tried first) into record rows
 * (record-rows.ts), deduplicated by (collection time, type, seq) — a reissued record, or a frame
 * archived twice after a crash between the archive append and the database commit, counts once —
 * and sorted; anti-tamper alarms (0x06) come as rows with command 0x06 (anti-tamper-row.ts). Used by
 * the windowed rules, the dashboard and the recent-records API.
 */
import { Gb17691Decoder, type Layout } from '../../protocols/gb17691/index.ts';
import type { TruckArchiveReader } from '../archive/archive-reader.ts';
import type { ArchivedFrame } from '../archive/truck-archive.ts';
import { beijingDayOf, beijingDayRange } from '../beijing-day.ts';
import { messageRows, type RecordRow } from '../record-rows.ts';
import { antiTamperRow } from './anti-tamper-row.ts';
import type { RecordRuleConfig } from '../rules/record-flags.ts';
import { DEFAULT_TRUCKS_CONFIG } from '../trucks-config.ts';

/** A record decoded from the archive, with when its frame was received. */
export interface DetailRecord extends RecordRow {
  received_at: number;
}

/** The vehicle as the reader needs it. */
export interface DetailVehicle {
  id: number;
  /** Real-time layout configured for the vehicle (tried first), or null. */
  layout: string | null;
}

const DAY_MS = 86_400_000;

/** Records of archived frames, deduplicated by (time, type, seq), first received wins. */
export function decodeArchivedFrames(
  frames: readonly ArchivedFrame[],
  vehicle: DetailVehicle,
  rules: RecordRuleConfig,
): DetailRecord[] {
  const layout = (vehicle.layout ?? undefined) as Layout | undefined;
  const decoder = new Gb17691Decoder({ vinCheckDigit: 'off', layoutFor: () => layout });
  const sorted = [...frames].sort((a, b) => a.receivedAt - b.receivedAt);
  const byKey = new Map<string, DetailRecord>();
  for (const f of sorted) {
    for (const e of decoder.push(f.bytes)) {
      if (!e.ok) continue;
      const m = e.message;
      if (m.kind === 'anti-tamper') {
        const r = antiTamperRow(m, f.receivedAt);
        const key = `${r.record_time}:alarm:${r.seq}`;
        if (!byKey.has(key)) byKey.set(key, { ...r, received_at: f.receivedAt });
        continue;
      }
      if (m.kind !== 'realtime' && m.kind !== 'reissue') continue;
      for (const r of messageRows(m, rules).rows) {
        const key = `${r.record_time}:${r.type}:${r.seq}`;
        if (!byKey.has(key)) byKey.set(key, { ...r, received_at: f.receivedAt });
      }
    }
  }
  return [...byKey.values()];
}

const byTime = (a: DetailRecord, b: DetailRecord): number =>
  a.record_time - b.record_time || a.type - b.type || a.seq - b.seq;

/**
 * The records of a vehicle whose collection time falls on a Beijing day, sorted by time (then
 * type, seq). Frames received that day and the next are read, to catch late reissues.
 */
export async function readVehicleDetail(
  archive: TruckArchiveReader,
  vehicle: DetailVehicle,
  day: string,
  rules: RecordRuleConfig = DEFAULT_TRUCKS_CONFIG.rules,
): Promise<DetailRecord[]> {
  const { start } = beijingDayRange(day);
  const frames = [
    ...(await archive.readVehicleDay(vehicle.id, day)),
    ...(await archive.readVehicleDay(vehicle.id, beijingDayOf(start + DAY_MS))),
  ];
  return decodeArchivedFrames(frames, vehicle, rules)
    .filter((r) => r.record_time >= start && r.record_time < start + DAY_MS)
    .sort(byTime);
}

/**
 * The newest records of a vehicle (by collection time), newest first: decoded from the frames
 * received today and yesterday (Beijing time).
 */
export async function readRecentRecords(
  archive: TruckArchiveReader,
  vehicle: DetailVehicle,
  now: number,
  limit: number,
  rules: RecordRuleConfig = DEFAULT_TRUCKS_CONFIG.rules,
): Promise<DetailRecord[]> {
  const frames = [
    ...(await archive.readVehicleDay(vehicle.id, beijingDayOf(now - DAY_MS))),
    ...(await archive.readVehicleDay(vehicle.id, beijingDayOf(now))),
  ];
  return decodeArchivedFrames(frames, vehicle, rules)
    .sort((a, b) => byTime(b, a))
    .slice(0, limit);
}
