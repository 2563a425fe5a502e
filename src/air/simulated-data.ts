/**
 * Provenance of simulated data. Everything a simulator writes points to a data source of kind
 * `simulator` whose detail records what it covers (station codes and local dates); the API and
 * the reports ask here whether the figures they show rest on any of it. Metadata only — no scan
 * of the readings — except for simulator sources written before the coverage was recorded, which
 * are checked against the readings of the stations asked about.
 */
import type { Db } from '../store/db.ts';
import { dateStartEpoch } from '../time/zoned-time.ts';
import { dayBucket } from './reading-writer.ts';
import { addDays } from '../standards/local-date.ts';

/** The data-source kind of simulated data. */
export const SIMULATOR_SOURCE_KIND = 'simulator';

/** What one simulator run wrote: which stations, which local dates. */
export interface SimulatedCoverage {
  /** Station codes. */
  stations: string[];
  /** First and last local date written. */
  from: string;
  to: string;
  /** Human note (Chinese), e.g. what the data are for. */
  note: string;
}

/** The `data_sources.detail` text recording a simulator run's coverage. */
export function simulatorSourceDetail(c: SimulatedCoverage): string {
  return JSON.stringify({ simulated: true, ...c });
}

function parseCoverage(detail: string | null): SimulatedCoverage | null {
  if (!detail?.startsWith('{')) return null;
  try {
    const j = JSON.parse(detail) as Partial<SimulatedCoverage>;
    if (!Array.isArray(j.stations) || typeof j.from !== 'string' || typeof j.to !== 'string')
      return null;
    return { stations: j.stations.map(String), from: j.from, to: j.to, note: String(j.note ?? '') };
  } catch {
    return null;
  }
}

/** Simulator sources: their recorded coverage, and the ids of those without one. */
async function simulatorSources(
  db: Db,
): Promise<{ covered: SimulatedCoverage[]; unrecorded: number[] }> {
  const rows = await db.kysely
    .selectFrom('data_sources')
    .select(['id', 'detail'])
    .where('kind', '=', SIMULATOR_SOURCE_KIND)
    .execute();
  const covered: SimulatedCoverage[] = [];
  const unrecorded: number[] = [];
  for (const r of rows) {
    const c = parseCoverage(r.detail);
    if (c) covered.push(c);
    else unrecorded.push(r.id);
  }
  return { covered, unrecorded };
}

/** True when a station has a reading from one of `sources` on local dates [from, to]. */
async function hasReadingFrom(
  db: Db,
  code: string,
  sources: readonly number[],
  from: string,
  to: string,
): Promise<boolean> {
  const start = dateStartEpoch('Asia/Shanghai', from);
  const end = dateStartEpoch('Asia/Shanghai', addDays(to, 1));
  const row = await db.kysely
    .selectFrom('readings')
    .innerJoin('stations', 'stations.id', 'readings.station_id')
    .select('readings.hour')
    .where('stations.code', '=', code)
    .where('readings.day', '>=', dayBucket(start))
    .where('readings.day', '<=', dayBucket(end - 1))
    .where('readings.hour', '>=', start)
    .where('readings.hour', '<', end)
    .where('readings.source_id', 'in', [...sources])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether any of the stations (codes) has simulated data on local dates [from, to]: the answer
 * to "do these figures rest on simulated data?".
 */
export async function restsOnSimulatedData(
  db: Db,
  stationCodes: Iterable<string>,
  from: string,
  to: string,
): Promise<boolean> {
  const codes = new Set(stationCodes);
  if (codes.size === 0 || to < from) return false;
  const { covered, unrecorded } = await simulatorSources(db);
  for (const c of covered)
    if (c.from <= to && c.to >= from && c.stations.some((s) => codes.has(s))) return true;
  if (unrecorded.length === 0) return false;
  for (const code of codes) if (await hasReadingFrom(db, code, unrecorded, from, to)) return true;
  return false;
}
