/**
 * The plan part of the overview: when a work plan exists for the region's city and the shown
 * date's year, its progress against the clock (src/plan, the figures GET /api/plans/{id}/progress
 * gives), cut down to what the overview shows: the pace of the year, the city's targets with
 * their status, and each unit's status. Nothing when no plan applies — never invented.
 * Computed from the version the caller reads (src/plan/plan-service.ts, issue 15): a county
 * sees published plans only, the city office and departments also a plan still in draft.
 */
import type { Principal } from '../auth/principal.ts';
import { readablePlans, readableVersion } from '../plan/plan-service.ts';
import { planProgress, type PlanProgress, type SubjectProgress } from '../plan/progress-service.ts';
import type { Status } from '../plan/rules/status.ts';
import type { Db } from '../store/db.ts';
import type { TtlCache } from './ttl-cache.ts';

/** One subject's headline figures. */
export interface PlanSubjectSummary {
  key: string;
  name: string;
  kind: string;
  status: Status;
  pm25: { soFar: number | null; target: number | null; projected: number | null; status: Status };
  goodDays: {
    soFar: number;
    ratePct: number | null;
    target: number | null;
    targetRatePct: number | null;
    expectedByPace: number | null;
    projected: number | null;
    status: Status;
  };
  heavyDays: { used: number; ceiling: number | null; status: Status };
}

/** The overview's plan block. */
export interface PlanSummary {
  id: string;
  name: string;
  year: number;
  version: number;
  asOf: string;
  pace: { share: number; elapsedDays: number; remainingDays: number };
  city: PlanSubjectSummary | null;
  units: PlanSubjectSummary[];
  /** Units by overall status. */
  counts: Partial<Record<Status, number>>;
}

function summary(s: SubjectProgress): PlanSubjectSummary {
  return {
    key: s.key,
    name: s.name,
    kind: s.kind,
    status: s.status,
    pm25: {
      soFar: s.pm25.soFar,
      target: s.pm25.target,
      projected: s.pm25.projected,
      status: s.pm25.status,
    },
    goodDays: {
      soFar: s.goodDays.soFar,
      ratePct: s.goodDays.ratePct,
      target: s.goodDays.target,
      targetRatePct: s.goodDays.targetRatePct,
      expectedByPace: s.goodDays.expectedByPace,
      projected: s.goodDays.projected,
      status: s.goodDays.status,
    },
    heavyDays: { used: s.heavyDays.used, ceiling: s.heavyDays.ceiling, status: s.heavyDays.status },
  };
}

/**
 * The plan of `cityAdcode` for the year of `date` as `reader` may read it, summarised at `date`;
 * `units` keeps only the given adcodes (a county sees its own). Null without such a plan, or
 * when the reader may read none of its versions. `cache` shares one progress computation
 * (seconds: it projects the year from past years) between the city's and the counties'
 * overviews of the same day and plan version.
 */
export async function planSummary(
  db: Db,
  reader: Principal,
  cityAdcode: string,
  date: string,
  units: ReadonlySet<string>,
  cache?: TtlCache<PlanProgress>,
): Promise<PlanSummary | null> {
  const year = Number(date.slice(0, 4));
  const plan = (await readablePlans(db, reader)).find(
    (p) => p.city_adcode === cityAdcode && p.year === year,
  );
  if (!plan) return null;
  const { version } = await readableVersion(db, reader, plan.id);
  const compute = () => planProgress(db, plan.id, date, version);
  const p = cache ? await cache.get(`${plan.id}@${version}|${date}`, compute) : await compute();
  const unitSubjects = p.subjects.filter((s) => s.kind === 'unit' && units.has(s.key));
  const counts: Partial<Record<Status, number>> = {};
  for (const s of unitSubjects) counts[s.status] = (counts[s.status] ?? 0) + 1;
  const city = p.subjects.find((s) => s.kind === 'city');
  return {
    id: p.plan.id,
    name: p.plan.name,
    year: p.plan.year,
    version: p.plan.version,
    asOf: p.asOf,
    pace: {
      share: p.pace.share,
      elapsedDays: p.pace.elapsedDays,
      remainingDays: p.pace.remainingDays,
    },
    city: city && units.size > 1 ? summary(city) : null,
    units: unitSubjects.map(summary),
    counts,
  };
}
