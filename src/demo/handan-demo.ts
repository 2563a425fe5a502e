/**
 * `lantian demo handan`: a Handan to look at. Loads the 2020 plan and its key tasks, registers
 * simulated county stations, and writes simulated hourly readings (the ingest simulator's air
 * model, calibrated to Handan's published figures) for the plan's national-control points and the
 * county stations over a date range (default 2019–2020: 2019 is the plan's base year), rolled up
 * like measured data. Everything simulated is recorded under a data source of kind `simulator`
 * with the stations and dates it covers, so that the API and reports can say so. It never
 * overwrites data: stations that already hold readings in the range make it refuse, and the
 * refusal says whether those readings are simulated or measured. It also adds the simulated
 * enterprises of the plan's fifth campaign with their CEMS and power history (sources-demo.ts),
 * and the heavy-pollution warnings on them: forecast, matrix, list, episodes (warnings-demo.ts).
 */
import { hasReadings } from '../air/reading-repo.ts';
import { restsOnSimulatedData } from '../air/simulated-data.ts';
import { findStation } from '../air/station-repo.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Progress } from '../imports/progress.ts';
import { loadPlan } from '../plan/plan-loader.ts';
import type { Db } from '../store/db.ts';
import { loadTasks } from '../tasks/definition-loader.ts';
import { dateStartEpoch } from '../time/zoned-time.ts';
import { handanStations, simulateHandan, type SimulationSummary } from './handan-simulation.ts';
import { handanDemoEnterprises, runSourcesDemo, type SourcesDemoSummary } from './sources-demo.ts';
import { runWarningsDemo, type WarningsDemoSummary } from './warnings-demo.ts';
import { addDays, daysInclusive } from '../standards/local-date.ts';
import { parseDateRange } from '../time/date-input.ts';

/** The plan's national-control points (data/plans/handan-2020/stations.csv). */
const NATIONAL_POINTS = ['1047A', '1048A', '1049A', '1050A'];
const TZ = 'Asia/Shanghai';

/** Options of the demo. */
export interface HandanDemoOptions {
  from: string;
  to: string;
  /** Simulated stations per county-level unit. */
  perUnit: number;
  /**
   * Days of simulated CEMS and power history of the demo's enterprises, before the current hour
   * (default 1, which keeps tests fast; the command line's default is 31).
   */
  sourceDays?: number;
  actor: string;
  progress: Progress;
}

/** What the demo did. */
export interface HandanDemoSummary extends SimulationSummary {
  plan: string;
  tasks: number;
  sources: SourcesDemoSummary;
  warnings: WarningsDemoSummary;
}

/**
 * Refuses when any station of the demo already holds readings in the range, saying whether they
 * are simulated (an earlier demo run) or measured: the demo never writes over either.
 */
async function assertEmpty(
  db: Db,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<void> {
  const start = dateStartEpoch(TZ, from);
  const end = dateStartEpoch(TZ, addDays(to, 1));
  for (const code of codes) {
    const s = await findStation(db, code);
    if (!s || !(await hasReadings(db, s.id, start, end))) continue;
    const simulated = await restsOnSimulatedData(db, [code], from, to);
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      simulated
        ? `站点 ${code} 在 ${from} 至 ${to} 已有模拟数据（此前运行演示生成），不再重复生成；如需重新生成，请使用新的数据库或选择其他日期`
        : `站点 ${code} 在 ${from} 至 ${to} 已有监测数据，演示数据不会覆盖它们`,
    );
  }
}

/** Loads the plan and tasks and simulates Handan's stations over [from, to]. */
export async function runHandanDemo(
  db: Db,
  clock: Clock,
  o: HandanDemoOptions,
): Promise<HandanDemoSummary> {
  parseDateRange(o.from, o.to);
  const simulated = handanStations(o.perUnit).map((s) => s.code);
  await assertEmpty(db, [...NATIONAL_POINTS, ...simulated], o.from, o.to);
  const plan = await loadPlan(db, clock, { actor: o.actor }, 'handan-2020');
  const tasks = await loadTasks(db, clock, { actor: o.actor, ip: null }, 'handan-2020');
  const until = Math.min(
    dateStartEpoch(TZ, addDays(o.to, 1)),
    Math.floor(clock.now() / 3_600_000) * 3_600_000,
  );
  o.progress.start('模拟监测数据（天）', daysInclusive(o.from, o.to));
  const sim = await simulateHandan(db, {
    perUnit: o.perUnit,
    fromDate: o.from,
    until,
    alsoStations: NATIONAL_POINTS,
    onDay: () => o.progress.tick(1),
  });
  o.progress.stop();
  o.progress.start(
    '模拟企业在线监测数据（排放口）',
    handanDemoEnterprises().flatMap((e) => e.outlets).length,
  );
  const sources = await runSourcesDemo(db, clock, {
    days: o.sourceDays ?? 1,
    actor: o.actor,
    onOutlet: () => o.progress.tick(1),
  });
  o.progress.stop();
  const warnings = await runWarningsDemo(db, clock, { actor: o.actor, ip: null });
  return {
    ...sim,
    plan: `${plan.plan.planId}@${plan.plan.version}`,
    tasks: tasks.counts.measures,
    sources,
    warnings,
  };
}
