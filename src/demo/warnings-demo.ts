/**
 * The warnings part of `demo handan` (docs/warnings.md): a simulated city forecast (and three
 * counties') that grades orange, a local matrix for the demo's industries
 * (data/warnings/demo-local-matrix.json — a local example after standards-warnings-grading.md
 * §2.4, UNVERIFIED), the orange industrial list of the city generated and published, an orange
 * warning resting on the forecast, and one past episode, lifted, whose evaluation the API computes
 * on request. Everything goes through the services (audited) as the local operator acting as the
 * city office. Rows are marked simulated where the table allows: forecast versions carry the note
 * DEMO_NOTE (episodes, decisions and lists have no such column; they name the forecast they rest
 * on and the demo's actor). A second run adds nothing: it stops when a forecast with DEMO_NOTE is
 * stored.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ActorContext } from '../audit/actor.ts';
import { fixedClock, type Clock } from '../clock.ts';
import { DEFAULT_WARNING_CONFIG, type ColouredLevel } from '../standards/warning/index.ts';
import { addDays } from '../standards/local-date.ts';
import type { Db } from '../store/db.ts';
import { operatorActor } from '../tasks/task-context.ts';
import { dateStartEpoch, epochToLocalDate } from '../time/zoned-time.ts';
import { DEFAULT_NOTICE_PREFIXES } from '../warnings/episodes/notice-number.ts';
import {
  decideOnEpisode,
  issueWarning,
  type EpisodeDeps,
} from '../warnings/episodes/episode-service.ts';
import { DEFAULT_FORECASTS_CONFIG } from '../warnings/forecasts/forecast-config.ts';
import { forecastGrade } from '../warnings/forecasts/forecast-grade-service.ts';
import { storeForecast } from '../warnings/forecasts/forecast-store-service.ts';
import { generateList, publishList } from '../warnings/lists/list-service.ts';
import { putCell } from '../warnings/lists/matrix-service.ts';
import type { Measure } from '../warnings/measures.ts';
import type { MatrixGrade } from '../warnings/lists/rules/enterprise-measures.ts';

const TZ = 'Asia/Shanghai';
const CITY = '130400';
/** Counties with a forecast of their own: 武安市, 峰峰矿区, 磁县. */
const COUNTIES = ['130481', '130406', '130427'];
/** The note of every forecast the demo stores: how its rows are marked simulated. */
export const DEMO_NOTE = '模拟预报（演示数据，lantian demo handan）';

/** The current episode's forecast: days 2–4 above 200 → orange under the 2024 edition. */
const CURRENT_AQI = [125, 168, 215, 248, 212, 150, 105];
/** The past episode's forecast, issued 14 days ago: orange for days 2–4, clean after. */
const PAST_AQI = [110, 160, 225, 260, 205, 90, 80];

/** What the warnings part of the demo wrote. */
export interface WarningsDemoSummary {
  /** True when an earlier run stored it already and nothing was written. */
  present: boolean;
  forecasts: number;
  /** Recommended level of the city's current forecast. */
  recommended: string;
  /** Matrix cells the demo filled (cells the city had edited are left as they are). */
  matrixCells: number;
  listId: number | null;
  /** Expected reductions of the published list per pollutant, % of the baseline. */
  reductions: Record<string, number>;
  listOverride: string | null;
  activeEpisodeId: number | null;
  liftedEpisodeId: number | null;
}

const MATRIX_FILE = fileURLToPath(
  new URL('../../data/warnings/demo-local-matrix.json', import.meta.url),
);

interface DemoCell {
  industry: string;
  grade: MatrixGrade;
  level: ColouredLevel;
  measures: Measure[];
}

/** The demo's local matrix cells (local example, UNVERIFIED). */
export function demoMatrixCells(): DemoCell[] {
  return (JSON.parse(readFileSync(MATRIX_FILE, 'utf8')) as { cells: DemoCell[] }).cells;
}

function forecastDays(first: string, aqi: readonly number[], shift: number) {
  return aqi.map((v, i) => ({
    date: addDays(first, i),
    aqi: Math.max(0, v + shift),
    primary: 'PM2.5',
  }));
}

const empty = (present: boolean): WarningsDemoSummary => ({
  present,
  forecasts: 0,
  recommended: 'none',
  matrixCells: 0,
  listId: null,
  reductions: {},
  listOverride: null,
  activeEpisodeId: null,
  liftedEpisodeId: null,
});

/** Adds the warnings of the demo (nothing when an earlier run did). */
export async function runWarningsDemo(
  db: Db,
  clock: Clock,
  actor: ActorContext,
): Promise<WarningsDemoSummary> {
  const done = await db.kysely
    .selectFrom('forecast_versions')
    .select('id')
    .where('note', '=', DEMO_NOTE)
    .executeTakeFirst();
  if (done) return empty(true);
  const { principal: p, ctx } = operatorActor(actor);
  const fc = DEFAULT_FORECASTS_CONFIG;
  const today = epochToLocalDate(TZ, clock.now());
  const s = empty(false);
  const store = async (
    region: string,
    issued: string,
    aqi: readonly number[],
    shift = 0,
    at: Clock = clock,
  ) => {
    s.forecasts++;
    const input = { region, issued, days: forecastDays(issued, aqi, shift), note: DEMO_NOTE };
    return (await storeForecast(db, at, fc, p, ctx, input, 'manual')).id;
  };
  const deps = (at: Clock): EpisodeDeps => ({
    db,
    clock: at,
    warningConfig: DEFAULT_WARNING_CONFIG,
    noticePrefixes: DEFAULT_NOTICE_PREFIXES,
  });
  /** 10:00 Beijing time of a day: when the past steps are recorded as done. */
  const morningOf = (day: string) => fixedClock(dateStartEpoch(TZ, day) + 10 * 3_600_000);

  // The past episode: forecast and orange issued two weeks ago, lifted when the forecast cleared
  // (each step stored with the time it would have happened).
  const pastIssued = addDays(today, -14);
  const past = await store(CITY, pastIssued, PAST_AQI, 0, morningOf(pastIssued));
  const pastEpisode = await issueWarning(deps(morningOf(pastIssued)), p, ctx, {
    region: CITY,
    level: 'orange',
    from: addDays(pastIssued, 2),
    to: addDays(pastIssued, 4),
    forecastVersionId: past,
  });
  const lifted = await decideOnEpisode(
    deps(morningOf(addDays(pastIssued, 5))),
    p,
    ctx,
    pastEpisode.id,
    {
      action: 'lift',
      from: addDays(pastIssued, 5),
      forecastVersionId: past,
    },
  );
  s.liftedEpisodeId = lifted.id;

  // The current forecast of the city and three counties.
  const current = await store(CITY, today, CURRENT_AQI);
  for (const [i, c] of COUNTIES.entries()) await store(c, today, CURRENT_AQI, 6 - 4 * i);
  s.recommended = (await forecastGrade(db, p, current, fc.warning)).level;

  // The local matrix (never over a cell the city already edited), the orange list, published.
  const edited = new Set(
    (await db.kysely.selectFrom('emergency_matrix_cells').selectAll().execute()).map(
      (c) => `${c.industry}|${c.grade}|${c.level}`,
    ),
  );
  for (const c of demoMatrixCells()) {
    if (edited.has(`${c.industry}|${c.grade}|${c.level}`)) continue;
    await putCell(db, clock, p, ctx, c, c.measures);
    s.matrixCells++;
  }
  const draft = await generateList(db, clock, p, ctx, {
    region: CITY,
    level: 'orange',
    kind: 'industrial',
  });
  const reason =
    draft.shortfall.length > 0
      ? '演示数据：保障类热电企业以热定产、不停产，按本地实际发布（模拟）'
      : undefined;
  const published = await publishList(db, clock, p, ctx, draft.id, reason);
  s.listId = published.id;
  s.listOverride = published.overrideReason;
  for (const [pollutant, t] of Object.entries(published.totals))
    s.reductions[pollutant] = t!.achievedPct;

  // The orange warning resting on the current forecast.
  const active = await issueWarning(deps(clock), p, ctx, {
    region: CITY,
    level: 'orange',
    from: addDays(today, 2),
    to: addDays(today, 4),
    forecastVersionId: current,
  });
  s.activeEpisodeId = active.id;
  return s;
}
