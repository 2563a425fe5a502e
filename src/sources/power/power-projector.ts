/**
 * Turns power values that loggers send over HJ 212 into power readings, off the ingest hot path:
 * a periodic run reads the values of mapped loggers (device_mn + device_code of power_meters)
 * received since its watermark and upserts readings (kW = sent value × factor), so a run repeated
 * over the same values changes nothing.
 *
 * - Which values: uploads 2011 (real-time, -Rtd), 2051 (minute, -Avg) and 2061 (hourly, -Avg); a
 *   reading's time is the DataTime (the interval start for 2051/2061). When two uploads give the
 *   same instant, the real-time value wins over the minute value, the minute over the hourly.
 * - Which rows: those received after (watermark − 30 s), whose DataTime lies within
 *   `lookbackHours` before the watermark (late uploads and backfill); older DataTimes need an
 *   explicit run from a chosen instant (`bin/lantian power project --from`).
 * - The watermark becomes the instant the run started; the 30 s overlap covers rows received
 *   before that instant but committed by the writer thread after the run read them.
 */
import type { Clock } from '../../clock.ts';
import { startPeriodicJob, type PeriodicJob } from '../../periodic-job.ts';
import type { Db } from '../../store/db.ts';
import type { PowerConfig } from './power-config.ts';
import {
  mappedMeters,
  powerValues,
  readWatermark,
  writeWatermark,
  type MappedMeter,
  type PowerValue,
} from './projection-repo.ts';
import { upsertReadings } from './reading-repo.ts';

const NAME = 'hj212';
const OVERLAP_MS = 30_000;
/** Width of a device_values key bucket (src/ingest/value-key.ts). */
const BUCKET_MS = 60_000;
/** Buckets per query. */
const BUCKETS_PER_QUERY = 1440;

/** What one run did. */
export interface ProjectionRun {
  /** Mapped meters whose logger is registered. */
  meters: number;
  /** Device values read. */
  values: number;
  /** Readings new or changed. */
  written: number;
}

function samplesOf(
  values: readonly PowerValue[],
  byKey: ReadonlyMap<string, MappedMeter>,
): Map<string, { meterId: number; time: number; kw: number; cn: number; receivedAt: number }> {
  const out = new Map<
    string,
    { meterId: number; time: number; kw: number; cn: number; receivedAt: number }
  >();
  for (const v of values) {
    const m = byKey.get(`${v.device_id}:${v.code}`);
    const sent = v.cn === 2011 ? (v.rtd ?? v.avg) : (v.avg ?? v.rtd);
    if (!m || sent === null) continue;
    const key = `${m.meter_id}:${v.data_time}`;
    const prev = out.get(key);
    // The lower cn wins at the same instant: 2011 real-time, then 2051, then 2061.
    if (prev && prev.cn <= v.cn) continue;
    const kw = Number((sent * m.factor).toPrecision(12));
    out.set(key, {
      meterId: m.meter_id,
      time: v.data_time,
      kw,
      cn: v.cn,
      receivedAt: v.received_at,
    });
  }
  return out;
}

/**
 * One projection run. `from` (epoch ms) re-reads every value with a DataTime from there on,
 * whatever the watermark; without it, the run starts from the watermark as described above.
 */
export async function projectPower(
  db: Db,
  clock: Clock,
  config: PowerConfig,
  from?: number,
): Promise<ProjectionRun> {
  const started = clock.now();
  const meters = await mappedMeters(db.kysely);
  const mark = await readWatermark(db.kysely, NAME);
  const lookback = config.lookbackHours * 3_600_000;
  const since = from ?? (mark === undefined ? started - lookback : mark - lookback);
  const receivedAfter = from !== undefined || mark === undefined ? -1 : mark - OVERLAP_MS;
  const byKey = new Map(meters.map((m) => [`${m.device_id}:${m.device_code}`, m]));
  const deviceIds = [...new Set(meters.map((m) => m.device_id))];
  const codes = [...new Set(meters.map((m) => m.device_code))];
  let values = 0;
  let written = 0;
  const last = Math.floor((started + 600_000) / BUCKET_MS);
  for (let first = Math.floor(since / BUCKET_MS); first <= last; first += BUCKETS_PER_QUERY) {
    const minutes: number[] = [];
    for (let m = first; m < first + BUCKETS_PER_QUERY && m <= last; m++) minutes.push(m);
    const rows = await powerValues(db.kysely, minutes, deviceIds, codes, receivedAfter);
    values += rows.length;
    const samples = [...samplesOf(rows, byKey).values()];
    written += await upsertReadings(
      db.kysely,
      samples.map((s) => ({
        meter_id: s.meterId,
        time: s.time,
        kw: s.kw,
        kwh: null,
        origin: 'hj212',
        received_at: s.receivedAt,
      })),
    );
  }
  await writeWatermark(db.kysely, NAME, started, clock.now());
  return { meters: meters.length, values, written };
}

/** Runs projectPower every `projectEveryS` seconds (never two at once) until stopped. */
export function startPowerProjector(
  db: Db,
  clock: Clock,
  config: PowerConfig,
  onError: (e: unknown) => void,
): PeriodicJob {
  return startPeriodicJob(() => projectPower(db, clock, config).catch(onError), {
    intervalMs: config.projectEveryS * 1000,
  });
}
