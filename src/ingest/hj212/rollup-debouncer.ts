/**
 * Daily statistics of the air stations whose hourly readings a batch changed, debounced: changed
 * station-days collect for `delayMs`, then each is recomputed once (the steps of
 * recomputeChanged in src/air/daily-rollup.ts), so a burst of hourly data at the top of the hour
 * — or a fleet back-filling days of data — never stalls the socket path.
 */
import { setImmediate as yieldToIo } from 'node:timers/promises';
import { dailyRowsFromReadings, localDateRuns, writeDailyRows } from '../../air/daily-rollup.ts';
import { stationReadings } from '../../air/reading-repo.ts';
import { POLLUTANTS } from '../../standards/pollutants.ts';
import type { Db } from '../../store/db.ts';
import type { NewStationDaily } from '../../air/tables.ts';
import { dateStartEpoch } from '../../time/zoned-time.ts';
import type { IngestLog } from './ingest-log.ts';
import type { ChangedStationDays } from './ingest-sink.ts';
import { addDays } from '../../standards/local-date.ts';

const STATIONS_PER_SLICE = 16;

/** Collects changed station-days and recomputes them after a delay. */
export class RollupDebouncer {
  private pending = new Map<number, Set<number>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Station-days written so far. */
  written = 0;
  failures = 0;

  constructor(
    private readonly db: Db,
    private readonly timeZoneOf: (stationId: number) => string,
    private readonly delayMs: number,
    private readonly now: () => number,
    private readonly log: IngestLog,
  ) {}

  /** Adds the station-days a committed batch changed. */
  add(changed: readonly ChangedStationDays[]): void {
    for (const c of changed) {
      let days = this.pending.get(c.stationId);
      if (days === undefined) this.pending.set(c.stationId, (days = new Set()));
      for (const d of c.days) days.add(d);
    }
    if (this.pending.size > 0 && this.timer === null && this.running === null && !this.stopped) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.run();
      }, this.delayMs);
    }
  }

  /** Recomputes everything pending now and waits for it. */
  async flush(): Promise<void> {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    while (this.running !== null) await this.running;
    if (this.pending.size > 0) await this.run();
  }

  /** Recomputes what is pending, then schedules nothing more. */
  async stop(): Promise<void> {
    await this.flush();
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    const stations = [...this.pending];
    this.pending = new Map();
    this.running = (async () => {
      // Reads a few stations at a time with a yield between (they run on the event loop), then
      // writes every recomputed station-day in one transaction: one commit per round, not one
      // per station, since each commit waits for the disk (synchronous=FULL).
      const rows: NewStationDaily[] = [];
      try {
        for (let i = 0; i < stations.length; i += STATIONS_PER_SLICE) {
          for (const [id, days] of stations.slice(i, i + STATIONS_PER_SLICE)) {
            const station = { id, timeZone: this.timeZoneOf(id) };
            for (const run of localDateRuns(
              station.timeZone,
              [...days].sort((a, b) => a - b),
            )) {
              const from = dateStartEpoch(station.timeZone, run.from);
              const to = dateStartEpoch(station.timeZone, addDays(run.to, 1));
              const readings = await stationReadings(this.db, id, from, to, POLLUTANTS);
              rows.push(...dailyRowsFromReadings(station, readings, this.now(), run.from, run.to));
            }
          }
          await yieldToIo();
        }
        await writeDailyRows(this.db, rows);
        this.written += rows.length;
      } catch (e) {
        this.failures++;
        // The hours are stored; keep the days so that the next round recomputes them.
        this.add(stations.map(([stationId, days]) => ({ stationId, days: [...days] })));
        this.log.error({ err: (e as Error).message }, '空气站日统计重算失败，稍后重试');
      }
    })().finally(() => {
      this.running = null;
      if (this.pending.size > 0 && this.timer === null) this.add([]);
    });
    return this.running;
  }
}
