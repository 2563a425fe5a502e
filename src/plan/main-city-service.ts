/**
 * The monthly check of 三(七)4: units whose base-year PM2.5 exceeded the main city's national-
 * control mean must stay below the main city every month. Base-year figures come from the plan
 * (its editable inputs) and, where the plan has none, from the measured base year in the store
 * (marked source 'data').
 */
import { editionsFor, type DailyRecord } from '../standards/index.ts';
import type { Db } from '../store/db.ts';
import type { PlanDocument } from './plan-document.ts';
import { resolvePlanVersion } from './plan-service.ts';
import { planSubjects, subjectDailyRecords, type Subject } from './plan-subjects.ts';
import { periodOrThrow } from './ranking-service.ts';
import { mainCityCheck, type MainCityCheck } from './rules/main-city-rule.ts';
import { periodFigures } from './rules/period-figures.ts';
import type { Period } from './rules/periods.ts';

/** One unit's check for the month. */
export interface MainCityUnitCheck extends MainCityCheck {
  adcode: string;
  name: string;
  baselinePm25: number | null;
  baselineSource: 'plan' | 'data' | null;
  monthPm25: number | null;
}

/** The checks of one month. */
export interface MainCityChecks {
  period: Period;
  enabled: boolean;
  mainCity: {
    name: string;
    stations: string[];
    monthPm25: number | null;
    baselinePm25: number | null;
    baselineSource: 'plan' | 'data' | null;
  } | null;
  units: MainCityUnitCheck[];
}

/** Computes the checks from loaded records (which must cover the base year and the month). */
export function mainCityFromRecords(
  doc: PlanDocument,
  subjects: readonly Subject[],
  records: ReadonlyMap<string, readonly DailyRecord[]>,
  period: Period,
): MainCityChecks {
  const main = subjects.find((s) => s.kind === 'main-city');
  if (!doc.mainCity || !main) return { period, enabled: false, mainCity: null, units: [] };
  const ed = editionsFor(period.to);
  const baseEd = editionsFor(`${doc.baseYear}-12-31`);
  const monthOf = (key: string) =>
    periodFigures(records.get(key) ?? [], period.from, period.to, ed).pm25;
  const baseOf = (
    key: string,
    plan: number | null,
  ): { v: number | null; src: 'plan' | 'data' | null } => {
    if (plan !== null) return { v: plan, src: 'plan' };
    const v = periodFigures(
      records.get(key) ?? [],
      `${doc.baseYear}-01-01`,
      `${doc.baseYear}-12-31`,
      baseEd,
    ).pm25;
    return { v, src: v === null ? null : 'data' };
  };
  const mb = baseOf(main.key, doc.mainCity.baseline.pm25);
  const mainMonth = monthOf(main.key);
  const units = doc.units
    .filter((u) => !doc.mainCity!.members.includes(u.adcode))
    .map((u) => {
      const b = baseOf(u.adcode, u.baseline.pm25);
      const monthPm25 = monthOf(u.adcode);
      return {
        adcode: u.adcode,
        name: u.name,
        baselinePm25: b.v,
        baselineSource: b.src,
        monthPm25,
        ...mainCityCheck({
          unitBaselinePm25: b.v,
          mainBaselinePm25: mb.v,
          unitMonthPm25: monthPm25,
          mainMonthPm25: mainMonth,
        }),
      };
    });
  return {
    period,
    enabled: doc.rules.mainCityRule.enabled,
    mainCity: {
      name: main.name,
      stations: main.stations.map((s) => s.code),
      monthPm25: mainMonth,
      baselinePm25: mb.v,
      baselineSource: mb.src,
    },
    units,
  };
}

/** The checks of a month ('YYYY-MM') for a plan. */
export async function mainCityChecks(
  db: Db,
  planId: string,
  month: string,
  version?: number,
): Promise<MainCityChecks> {
  const period = periodOrThrow(month);
  const doc = (await resolvePlanVersion(db, planId, version)).document;
  const subjects = await planSubjects(db, doc);
  const records = await subjectDailyRecords(db, subjects, `${doc.baseYear}-01-01`, period.to);
  return mainCityFromRecords(doc, subjects, records, period);
}
