/**
 * The monthly trace-back (the Handan 2020 plan 三.8; docs/standards/remote-sensing.md §4): the
 * vehicles found over-standard in a month (Beijing calendar), each counted once at its first event
 * of the month, traced to the station of its last passing inspection before that event; stations
 * ranked by vehicles traced (ties share a rank, then by code), the top 3 ranks named in the notice.
 */
import type { Db } from '../store/db.ts';
import { LantianError } from '../errors.ts';
import type { RoadsideConfig } from './roadside-config.ts';
import { passesOf } from './roadside-repo.ts';
import { overStandard } from './record-read-service.ts';
import { namedStations, rankStations, traceFailure, type Inspection } from './rules/trace-back.ts';

const BEIJING_MS = 8 * 3_600_000;

/** [start, end) of a Beijing calendar month "YYYY-MM"; LT_ERR_BAD_REQUEST when malformed. */
export function monthBounds(month: string): [number, number] {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m) throw new LantianError('LT_ERR_BAD_REQUEST', `月份 "${month}" 应为 YYYY-MM`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return [Date.UTC(y, mo - 1, 1) - BEIJING_MS, Date.UTC(y, mo, 1) - BEIJING_MS];
}

/** The month's trace-back and station ranking. */
export async function monthlyRanking(db: Db, config: RoadsideConfig, month: string) {
  const [from, to] = monthBounds(month);
  const { ruleVersion, events } = await overStandard(db, config, null, from, to);
  const firsts = new Map<string, (typeof events)[number]>();
  for (const e of events) {
    const key = `${e.plate}\u0000${e.plateColour}`;
    if (!firsts.has(key)) firsts.set(key, e);
  }
  const failures = [...firsts.values()];
  const rows = await passesOf(
    db.kysely,
    [...new Set(failures.map((f) => f.plate))],
    [...new Set(failures.flatMap((f) => (f.vin ? [f.vin] : [])))],
    to,
  );
  const inspections: Array<Inspection & { id: number }> = rows.map((r) => ({
    id: r.id,
    plate: r.plate,
    plateColour: r.plate_colour,
    vin: r.vin,
    stationCode: r.station_code,
    stationName: r.station_name,
    serial: r.serial,
    at: Number(r.inspected_at),
    passed: r.passed === 1,
  }));
  const traces = failures.map((f) => ({ event: f, trace: traceFailure(f, inspections) }));
  const ranking = rankStations(traces.map((t) => t.trace));
  return {
    month,
    ruleVersion,
    vehicles: failures.length,
    traced: traces.filter((t) => t.trace.inspection !== null).length,
    ranking,
    named: namedStations(ranking),
    traces: traces.map(({ event, trace }) => ({
      plate: event.plate,
      plateColour: event.plateColour,
      vin: event.vin,
      at: event.at,
      kind: event.kind,
      pollutant: event.pollutant,
      recordIds: event.recordIds,
      stationCode: trace.inspection?.stationCode ?? null,
      stationName: trace.inspection?.stationName ?? null,
      serial: trace.inspection?.serial ?? null,
      inspectedAt: trace.inspection?.at ?? null,
      days: trace.days,
    })),
  };
}

/** What the monthly ranking answers. */
export type MonthlyRanking = Awaited<ReturnType<typeof monthlyRanking>>;

/** The name of the city the notice is issued for (the region at city level), or 本市. */
export async function cityName(db: Db): Promise<string> {
  const row = await db.kysely
    .selectFrom('regions')
    .select('name')
    .where('level', '=', 'city')
    .orderBy('adcode')
    .executeTakeFirst();
  return row?.name ?? '本市';
}
