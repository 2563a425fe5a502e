/**
 * `serve --role alerts`: its own durable consumer of the HJ 212 stream. For each batch, once the
 * writers committed it: the CEMS hours of the outlet uploads it carries are projected from the
 * store (the same idempotent projection as the roll-up consumer's, so the alarms never wait for
 * another role), then the alarm detectors and the escalation step run as in one process
 * (runAlarms: exceedance, missing data, offline, flat line, flags, production without treatment)
 * over a window reaching back to the batch's earliest outlet hour. runAlarms folds findings into
 * one open alarm per kind, subject and pollutant and counts only hours after the last one counted
 * (and `open_key` is unique), so a redelivered or replayed batch raises no alarm twice. Runs come
 * at most every LANTIAN_ALERTS_MIN_INTERVAL_S (messages wait in the stream meanwhile), and every
 * LANTIAN_ALARMS_INTERVAL_S without messages too (offline and missing data are the absence of
 * messages; escalation is due by the clock).
 */
import { pino } from 'pino';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { IngestBatch } from '../ingest/hj212/value-batch.ts';
import { runAlarms } from '../sources/alarms/alarm-runner.ts';
import { powerLineStates } from '../sources/alarms/power-line-states.ts';
import { cemsConfig } from '../sources/cems/cems-config.ts';
import { CemsProjector } from '../sources/cems/cems-projector.ts';
import { outletDevices } from '../sources/cems/cems-repo.ts';
import { CN_HOUR, CN_MINUTE } from '../sources/cems/rules/hour-projection.ts';
import { HOUR_MS } from '../standards/local-date.ts';
import { alarmsCovering } from './alarm-lookback.ts';
import { startReaderRole } from './reader-role.ts';
import type { RunningRole } from './running-role.ts';
import type { ScaleConfig } from './scale-config.ts';

const CEMS_PROJECT_MS = 5000;
const CEMS_CATCH_UP_HOURS = 3;

/** The earliest hour of an outlet device's hourly or minute upload in the batch (null: none). */
function earliestOutletHour(
  batch: IngestBatch,
  outlets: ReadonlyMap<number, number>,
): number | null {
  let first: number | null = null;
  for (let i = 0; i < batch.n; i++) {
    const cn = batch.cn[i];
    if ((cn !== CN_HOUR && cn !== CN_MINUTE) || !outlets.has(batch.deviceId[i]!)) continue;
    const hour = Math.floor(batch.dataTime[i]! / HOUR_MS) * HOUR_MS;
    if (first === null || hour < first) first = hour;
  }
  return first;
}

/** Starts an alerting consumer. */
export function startAlertsRole(
  config: Config,
  scale: ScaleConfig,
  natsUrl: string,
  say: (line: string) => void,
): Promise<RunningRole> {
  return startReaderRole('alerts', config, scale, natsUrl, say, async ({ db, metrics, log }) => {
    const cfg = config.alarms;
    const cems = new CemsProjector(
      db,
      systemClock,
      cemsConfig(),
      pino({ level: config.logLevel, name: 'cems' }),
    );
    await cems.catchUp(CEMS_CATCH_UP_HOURS);
    cems.start(CEMS_PROJECT_MS);
    const lineStates = powerLineStates(db, config.power.rules);
    const runs = metrics.counter('lantian_alerts_runs_total', 'Alarm evaluations');
    const opened = metrics.counter('lantian_alerts_opened_total', 'Alarms opened');
    const escalated = metrics.counter('lantian_alerts_escalated_total', 'Escalation steps raised');
    let lastRunAt = 0;
    let chain: Promise<unknown> = Promise.resolve();
    // One evaluation at a time in this process (the batch path and the periodic one).
    const evaluate = (earliestHour: number | null): Promise<void> => {
      const run = chain.then(async () => {
        const now = systemClock.now();
        const r = await runAlarms(db, alarmsCovering(cfg, earliestHour, now), now, lineStates);
        lastRunAt = Date.now();
        runs.inc();
        opened.inc(r.opened);
        escalated.inc(r.escalated);
        if (r.opened + r.escalated + r.cleared + r.recurred > 0) log.info(r, '告警已更新');
      });
      chain = run.catch(() => undefined);
      return run;
    };
    const periodic =
      cfg.intervalSeconds > 0
        ? setInterval(() => {
            if (Date.now() - lastRunAt < cfg.intervalSeconds * 1000) return;
            evaluate(null).catch((e: Error) => log.error({ err: e.message }, '告警计算失败'));
          }, 1000)
        : null;
    periodic?.unref();
    const minIntervalMs = scale.consumers.alertsMinIntervalS * 1000;
    return {
      async handle(batch) {
        const earliest = earliestOutletHour(batch, await outletDevices(db));
        if (earliest === null) return; // nothing an alarm reads from
        const failures = cems.failures;
        cems.note(batch);
        await cems.flush();
        if (cems.failures > failures) throw new Error('CEMS 小时数据投影失败');
        await evaluate(earliest);
      },
      pauseMs: () => Math.max(0, lastRunAt + minIntervalMs - Date.now()),
      async stop() {
        if (periodic !== null) clearInterval(periodic);
        await chain;
        await cems.stop();
      },
    };
  });
}
