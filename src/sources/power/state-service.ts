/**
 * Running states of an enterprise's lines from its meters' readings (rules/line-states.ts):
 * per meter its readings, per line the hourly production and treatment states, and the periods of
 * production without treatment. `lineStates` is the data-level entry point other parts use (the
 * production-without-treatment alarm; the warnings' check that lines stopped in an episode).
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../../auth/principal.ts';
import { addDays, HOUR_MS } from '../../standards/local-date.ts';
import type { Db } from '../../store/db.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { parseDateRange } from '../../time/date-input.ts';
import { dateStartEpoch } from '../../time/zoned-time.ts';
import { visibleEnterprise } from '../registry/registry-access.ts';
import { enterpriseLayout, listMeters, type MeterRow } from './meter-repo.ts';
import { meterView, type MeterView } from './meter-service.ts';
import type { PowerConfig } from './power-config.ts';
import { readingsBetween, type ReadingRow } from './reading-repo.ts';
import { lineHourlyStates, type LineHourState } from './rules/line-states.ts';
import type { PowerSample, RunningRules } from './rules/meter-state.ts';
import { untreatedPeriods, type UntreatedPeriod } from './rules/without-treatment.ts';

/** One line's hours. */
export interface LineStates {
  lineId: number;
  code: string;
  name: string;
  hours: LineHourState[];
}

function pushTo<T>(m: Map<number, T[]>, k: number, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

async function load(k: Kysely<DatabaseSchema>, enterpriseId: number, from: number, to: number) {
  const layout = await enterpriseLayout(k, enterpriseId);
  const meters = await listMeters(k, enterpriseId);
  const readings = await readingsBetween(
    k,
    meters.map((m) => m.id),
    from,
    to,
  );
  return { layout, meters, readings };
}

function statesOf(
  layout: Awaited<ReturnType<typeof enterpriseLayout>>,
  meters: readonly MeterRow[],
  readings: readonly ReadingRow[],
  fromHour: number,
  toHour: number,
  rules: RunningRules,
): LineStates[] {
  const samples = new Map<number, PowerSample[]>();
  for (const r of readings) pushTo(samples, r.meter_id, r);
  const states = lineHourlyStates(
    layout.lines.map((l) => l.id),
    layout.facilities,
    meters,
    samples,
    fromHour,
    toHour,
    rules,
  );
  return layout.lines.map((l) => ({
    lineId: l.id,
    code: l.code,
    name: l.name,
    hours: states.get(l.id)!,
  }));
}

/**
 * Hourly states of every line of an enterprise for the hours [fromHour, toHour) (hour starts,
 * epoch ms). No scope check: callers are services that made theirs.
 */
export async function lineStates(
  k: Kysely<DatabaseSchema>,
  enterpriseId: number,
  fromHour: number,
  toHour: number,
  rules: RunningRules,
): Promise<LineStates[]> {
  const from = Math.floor(fromHour / HOUR_MS) * HOUR_MS;
  const { layout, meters, readings } = await load(k, enterpriseId, from, toHour);
  return statesOf(layout, meters, readings, from, toHour, rules);
}

/** What GET …/power answers. */
export interface EnterprisePower {
  enterprise: { code: string; name: string };
  from: number;
  to: number;
  rules: RunningRules;
  meters: Array<
    MeterView & {
      readings: Array<{ time: number; kw: number; kwh: number | null; origin: string }>;
    }
  >;
  lines: Array<{
    code: string;
    name: string;
    hours: LineHourState[];
    untreated: UntreatedPeriod[];
  }>;
}

/** Readings, line states and periods without treatment of one enterprise over local days. */
export async function enterprisePower(
  db: Db,
  config: PowerConfig,
  p: Principal,
  creditCode: string,
  fromDate: string,
  toDate: string,
): Promise<EnterprisePower> {
  const e = await visibleEnterprise(db, p, creditCode);
  const range = parseDateRange(fromDate, toDate, config.maxRangeDays);
  const from = dateStartEpoch(config.timeZone, range.from);
  const to = dateStartEpoch(config.timeZone, addDays(range.to, 1));
  const { layout, meters, readings } = await load(db.kysely, e.id, from, to);
  const byMeter = new Map<number, ReadingRow[]>();
  for (const r of readings) pushTo(byMeter, r.meter_id, r);
  return {
    enterprise: { code: e.credit_code, name: e.name },
    from,
    to,
    rules: config.rules,
    meters: meters.map((m) => ({
      ...meterView(m),
      readings: (byMeter.get(m.id) ?? []).map((r) => ({
        time: r.time,
        kw: r.kw,
        kwh: r.kwh,
        origin: r.origin,
      })),
    })),
    lines: statesOf(layout, meters, readings, from, to, config.rules).map((l) => ({
      code: l.code,
      name: l.name,
      hours: l.hours,
      untreated: untreatedPeriods(l.hours),
    })),
  };
}
