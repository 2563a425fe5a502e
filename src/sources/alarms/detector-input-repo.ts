/**
 * What the alarm runner reads (Kysely, plain rows): the outlets with their enterprise and
 * county, their CEMS hours over a window, the last packet of their loggers, and production lines
 * with their enterprise.
 */
import type { Db } from '../../store/db.ts';

/** An outlet as the runner sees it. */
export interface OutletSubject {
  id: number;
  enterprise_id: number | null;
  region_adcode: string | null;
  must_report: number;
  ref_o2: number | null;
  pollutants: string;
  created_at: number;
}

/** Every outlet, with the county of its enterprise (or its own when not linked). */
export async function outletSubjects(db: Db): Promise<OutletSubject[]> {
  const rows = await db.kysely
    .selectFrom('outlets as o')
    .leftJoin('enterprises as e', 'e.id', 'o.enterprise_id')
    .select([
      'o.id',
      'o.enterprise_id',
      'o.region_adcode as outlet_region',
      'e.region_adcode as enterprise_region',
      'o.must_report',
      'o.ref_o2',
      'o.pollutants',
      'o.created_at',
    ])
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    enterprise_id: r.enterprise_id,
    region_adcode: r.enterprise_region ?? r.outlet_region,
    must_report: r.must_report,
    ref_o2: r.ref_o2,
    pollutants: r.pollutants,
    created_at: r.created_at,
  }));
}

/** One CEMS hour as the runner reads it. */
export interface CemsHourRow {
  outlet_id: number;
  pollutant: string;
  hour: number;
  avg: number | null;
  zs_device: number | null;
  zs_calc: number | null;
  flag: string | null;
  valid: number;
}

/** CEMS hours with from ≤ hour < to, in hour order (one range of the cems_hours_hour index). */
export async function cemsHoursBetween(db: Db, from: number, to: number): Promise<CemsHourRow[]> {
  return db.kysely
    .selectFrom('cems_hours')
    .select(['outlet_id', 'pollutant', 'hour', 'avg', 'zs_device', 'zs_calc', 'flag', 'valid'])
    .where('hour', '>=', from)
    .where('hour', '<', to)
    .orderBy('hour')
    .execute();
}

/** The latest packet time of each outlet's loggers (outlets whose loggers never sent are absent). */
export async function lastPacketByOutlet(db: Db): Promise<Map<number, number>> {
  const rows = await db.kysely
    .selectFrom('devices as d')
    .innerJoin('device_status as s', 's.device_id', 'd.id')
    .select(['d.outlet_id', (eb) => eb.fn.max('s.last_packet_at').as('last')])
    .where('d.outlet_id', 'is not', null)
    .groupBy('d.outlet_id')
    .execute();
  return new Map(rows.map((r) => [r.outlet_id as number, Number(r.last)]));
}

/** Production lines with their enterprise's county. */
export async function lineSubjects(
  db: Db,
): Promise<Array<{ id: number; enterprise_id: number; region_adcode: string }>> {
  return db.kysely
    .selectFrom('production_lines as l')
    .innerJoin('enterprises as e', 'e.id', 'l.enterprise_id')
    .select(['l.id', 'l.enterprise_id', 'e.region_adcode'])
    .execute();
}
