/**
 * `serve --role rollup`: its own durable consumer of the HJ 212 stream; for each batch, once the
 * writers committed it, the daily roll-up of the station-days its hourly readings touch
 * (station-day-refresh.ts, recomputed from the store and written only where it changed) and the
 * CEMS hourly projection of the outlet hours its uploads touch (CemsProjector, as in one process:
 * hourly uploads at once, minute-built hours once ended, the last hours caught up at start).
 * Rankings, the overview and the plan figures read station_daily when asked (no stored ranking
 * exists to refresh), so they follow. With it running, writers may leave this work undone
 * (LANTIAN_WRITER_ROLLUP=off).
 */
import { pino } from 'pino';
import { ChangedDays } from '../air/reading-writer.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { DeviceCache } from '../ingest/hj212/device-cache.ts';
import { cemsConfig } from '../sources/cems/cems-config.ts';
import { CemsProjector } from '../sources/cems/cems-projector.ts';
import { startReaderRole } from './reader-role.ts';
import type { RunningRole } from './running-role.ts';
import type { ScaleConfig } from './scale-config.ts';
import { refreshStationDays } from './station-day-refresh.ts';

const CEMS_PROJECT_MS = 5000;
const CEMS_CATCH_UP_HOURS = 3;
const REGISTRY_REFRESH_MS = 30_000;

/** Starts a roll-up consumer. */
export function startRollupRole(
  config: Config,
  scale: ScaleConfig,
  natsUrl: string,
  say: (line: string) => void,
): Promise<RunningRole> {
  return startReaderRole('rollup', config, scale, natsUrl, say, async ({ db, metrics }) => {
    const now = (): number => systemClock.now();
    const cache = new DeviceCache(db, { perSecond: 1, burst: 1 }, now);
    await cache.reload();
    const cems = new CemsProjector(
      db,
      systemClock,
      cemsConfig(),
      pino({ level: config.logLevel, name: 'cems' }),
    );
    await cems.catchUp(CEMS_CATCH_UP_HOURS);
    cems.start(CEMS_PROJECT_MS);
    const recomputed = metrics.counter(
      'lantian_rollup_station_days_recomputed_total',
      'Station-days recomputed from the store',
    );
    const written = metrics.counter(
      'lantian_rollup_station_days_written_total',
      'Station-days written because they were new or changed',
    );
    metrics.gauge(
      'lantian_rollup_cems_rows_total',
      'cems_hours rows written',
      () => cems.rows,
      'counter',
    );
    const reload = setInterval(
      () => void cache.reload().catch(() => undefined),
      REGISTRY_REFRESH_MS,
    );
    reload.unref();
    return {
      async handle(batch) {
        const touched = new ChangedDays();
        for (let i = 0; i < batch.rn; i++) touched.add(batch.rStation[i]!, batch.rHour[i]!);
        const r = await refreshStationDays(db, touched, (id) => cache.stationTimeZone(id), now());
        recomputed.inc(r.recomputed);
        written.inc(r.written);
        // The projector keeps what fails (and minute-built hours not yet ended) for its next round.
        const failures = cems.failures;
        cems.note(batch);
        await cems.flush();
        if (cems.failures > failures) throw new Error('CEMS 小时数据投影失败');
      },
      async stop() {
        clearInterval(reload);
        await cems.stop();
      },
    };
  });
}
