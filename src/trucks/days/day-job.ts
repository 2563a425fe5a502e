/**
 * Recomputing vehicle-days: for each registered vehicle and each asked day, the metrics from its
 * minute summaries (day-metrics.ts) and, when a detail loader is given, the windowed rules over its
 * 1-Hz records (rules/windowed-rules.ts), written idempotently (day-repo.ts). Inside `serve` a
 * periodic job recomputes yesterday and today every LANTIAN_TRUCKS_DAYS_INTERVAL_S seconds; the
 * CLI (`lantian trucks days`) recomputes any day.
 */
import type { Logger } from 'pino';
import type { Clock } from '../../clock.ts';
import type { Progress } from '../../imports/progress.ts';
import { startPeriodicJob, type PeriodicJob } from '../../periodic-job.ts';
import type { Db } from '../../store/db.ts';
import type { RecordRow } from '../record-rows.ts';
import { WINDOW_RULE_VERSION, windowedJudgements } from '../rules/windowed-rules.ts';
import { listVehicles } from '../vehicle-repo.ts';
import { beijingDayOf, beijingDayRange, previousBeijingDay } from '../beijing-day.ts';
import { dayMetrics, METRICS_VERSION } from './day-metrics.ts';
import { minutesOf, writeVehicleDay } from './day-repo.ts';
import type { TruckDaysConfig } from './days-config.ts';

/** A vehicle's 1-Hz records of a Beijing day (data-stream, OBD, and anti-tamper rows, command 0x06). */
export type DetailLoader = (vehicleId: number, day: string) => Promise<RecordRow[]>;

/** What a recomputation wrote. */
export interface DaysRunResult {
  days: string[];
  vehicleDays: number;
  online: number;
  judgements: number;
  /** Whether the windowed rules ran (a detail loader was given). */
  windowed: boolean;
}

/** Yesterday and today (Beijing) at an instant. */
export function recentDays(now: number): string[] {
  const today = beijingDayOf(now);
  return [previousBeijingDay(today), today];
}

/** Recomputes the vehicle-days of `days` for every registered vehicle. */
export async function recomputeDays(
  db: Db,
  clock: Clock,
  cfg: TruckDaysConfig,
  days: readonly string[],
  opts: { loader?: DetailLoader | undefined; progress?: Progress | undefined } = {},
): Promise<DaysRunResult> {
  const ranges = days.map((d) => ({ day: d, ...beijingDayRange(d) }));
  const vehicles = await listVehicles(db.kysely);
  const result: DaysRunResult = {
    days: [...days],
    vehicleDays: 0,
    online: 0,
    judgements: 0,
    windowed: opts.loader !== undefined,
  };
  for (const r of ranges) {
    opts.progress?.start(`重算 ${r.day} 车辆日指标`, vehicles.length);
    for (const v of vehicles) {
      const m = dayMetrics(await minutesOf(db.kysely, v.id, r.start, r.end), cfg.metrics);
      const windows = opts.loader
        ? windowedJudgements(await opts.loader(v.id, r.day), cfg.windows).filter(
            (w) => w.start >= r.start && w.start < r.end,
          )
        : null;
      result.judgements += await writeVehicleDay(
        db,
        {
          vehicle_id: v.id,
          day: r.day,
          online: m.online ? 1 : 0,
          records: m.records,
          engine_seconds: m.engineSeconds,
          completeness: m.completeness,
          packet_loss: m.packetLoss,
          mileage_km: m.mileageKm,
          fuel_l: m.fuelL,
          nox_g: m.noxG,
          fixes: m.fixes,
          first_at: m.firstAt,
          last_at: m.lastAt,
          flag_counts: Object.keys(m.flagCounts).length > 0 ? JSON.stringify(m.flagCounts) : null,
          metrics_version: METRICS_VERSION,
          computed_at: clock.now(),
        },
        windows ? { version: WINDOW_RULE_VERSION, windows } : null,
      );
      result.vehicleDays++;
      if (m.online) result.online++;
      opts.progress?.tick(1);
    }
    opts.progress?.stop();
  }
  return result;
}

/** Starts the periodic recomputation of yesterday and today (none when the interval is 0). */
export function startTruckDaysJob(
  deps: { db: Db; clock: Clock; log: Logger; loader?: DetailLoader | undefined },
  cfg: TruckDaysConfig,
): PeriodicJob {
  return startPeriodicJob(
    () =>
      recomputeDays(deps.db, deps.clock, cfg, recentDays(deps.clock.now()), { loader: deps.loader })
        .then((r) => deps.log.info(r, '车辆日指标已重算'))
        .catch((e: Error) => deps.log.error({ err: e.message }, '车辆日指标重算失败')),
    { intervalMs: cfg.intervalS * 1000, firstDelayMs: 10_000 },
  );
}
