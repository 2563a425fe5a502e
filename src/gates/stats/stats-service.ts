/**
 * Daily gate statistics and per-gate completeness for a period, within the principal's scope
 * (an enterprise its own, a county its region's: src/sources/enterprise-scope.ts). The rules are
 * in rules/daily-stats.ts and rules/completeness.ts; results carry their version.
 */
import type { Principal } from '../../auth/principal.ts';
import { enterpriseVisibility } from '../../sources/enterprise-scope.ts';
import type { Db } from '../../store/db.ts';
import { beijingDayOf } from '../../trucks/beijing-day.ts';
import {
  expectedWindow,
  gateCompleteness,
  type GateDayCompleteness,
} from './rules/completeness.ts';
import {
  dailyFigures,
  GATE_STATS_VERSION,
  type DayFigures,
  type PassageCount,
} from './rules/daily-stats.ts';
import { dayOfIndex, periodOf } from './rules/period.ts';
import { gatedEnterprises, groupedCounts, heardHours, visibleGates } from './stats-repo.ts';

/** Daily figures per enterprise and per county. */
export interface GateDailyStats {
  version: string;
  days: string[];
  enterprises: Array<{ creditCode: string; name: string; county: string; days: DayFigures[] }>;
  counties: Array<{ county: string; name: string; days: DayFigures[] }>;
}

/** The daily statistics of [from, to]. */
export async function gateDailyStats(
  db: Db,
  p: Principal,
  from: string,
  to: string,
): Promise<GateDailyStats> {
  const period = periodOf(from, to);
  const v = await enterpriseVisibility(db, p);
  const ents = await gatedEnterprises(db.kysely, v);
  const byId = new Map(ents.map((e) => [e.id, e]));
  const counts: PassageCount[] = (await groupedCounts(db.kysely, v, period.start, period.end)).map(
    (c) => ({
      day: dayOfIndex(c.dayIndex),
      enterpriseId: c.enterpriseId,
      stage: c.stage,
      direction: c.direction,
      manualOpen: c.manual,
      n: c.n,
    }),
  );
  const perEnterprise = dailyFigures(counts, (c) => c.enterpriseId);
  const perCounty = dailyFigures(counts, (c) => byId.get(c.enterpriseId)?.county ?? '');
  const countyNames = new Map(ents.map((e) => [e.county, e.countyName]));
  return {
    version: GATE_STATS_VERSION,
    days: period.days,
    enterprises: ents.map((e) => ({
      creditCode: e.creditCode,
      name: e.name,
      county: e.county,
      days: perEnterprise.get(e.id) ?? [],
    })),
    counties: [...countyNames].sort().map(([county, name]) => ({
      county,
      name,
      days: perCounty.get(county) ?? [],
    })),
  };
}

/** Completeness of each gate per day. */
export interface GateCompletenessView {
  version: string;
  gates: Array<{
    gateId: number;
    name: string;
    enterprise: string;
    window: [number, number];
    days: GateDayCompleteness[];
  }>;
}

/** Completeness per gate and day of [from, to]. */
export async function gateCompletenessView(
  db: Db,
  p: Principal,
  from: string,
  to: string,
): Promise<GateCompletenessView> {
  const period = periodOf(from, to);
  const gates = await visibleGates(db.kysely, await enterpriseVisibility(db, p));
  const heard = await heardHours(
    db.kysely,
    gates.map((g) => g.id),
    period.start,
    period.end,
  );
  return {
    version: GATE_STATS_VERSION,
    gates: gates.map((g) => {
      const window = expectedWindow(g.expectedHours);
      return {
        gateId: g.id,
        name: g.name,
        enterprise: g.enterprise,
        window,
        days: gateCompleteness(period.days, window, heard.get(g.id) ?? [], beijingDayOf),
      };
    }),
  };
}
