/** Queries of dust-fall points, monthly samples and per-plan targets. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../store/schema.ts';
import type { DustFallPointTable, DustFallSampleTable } from './tables.ts';

type K = Kysely<DatabaseSchema>;
export type PointRow = Selectable<DustFallPointTable>;
export type SampleColumns = Insertable<DustFallSampleTable>;

/** Points, optionally of some regions. */
export function listPoints(k: K, regions?: readonly string[]): Promise<PointRow[]> {
  let q = k.selectFrom('dust_fall_points').selectAll().orderBy('region_adcode').orderBy('code');
  if (regions) q = q.where('region_adcode', 'in', regions.length ? [...regions] : ['']);
  return q.execute();
}

/** One point by code. */
export function findPoint(k: K, code: string): Promise<PointRow | undefined> {
  return k.selectFrom('dust_fall_points').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts a point. */
export async function insertPoint(
  k: K,
  p: Omit<Insertable<DustFallPointTable>, 'id'>,
): Promise<void> {
  await k.insertInto('dust_fall_points').values(p).execute();
}

/** Stores a point's monthly sample, replacing the one of the same month. */
export async function saveSample(k: K, s: SampleColumns): Promise<void> {
  await k
    .deleteFrom('dust_fall_samples')
    .where('point_id', '=', s.point_id)
    .where('month', '=', s.month)
    .execute();
  await k.insertInto('dust_fall_samples').values(s).execute();
}

/** Samples of a month with their points, optionally of some regions. */
export function monthSamples(k: K, month: string, regions?: readonly string[]) {
  let q = k
    .selectFrom('dust_fall_samples as s')
    .innerJoin('dust_fall_points as p', 'p.id', 's.point_id')
    .select([
      'p.code',
      'p.name',
      'p.region_adcode',
      's.month',
      's.sample_g',
      's.blank_g',
      's.area_cm2',
      's.days',
      's.exact',
      's.value',
      's.edition',
    ])
    .where('s.month', '=', month)
    .orderBy('p.region_adcode')
    .orderBy('p.code');
  if (regions) q = q.where('p.region_adcode', 'in', regions.length ? [...regions] : ['']);
  return q.execute();
}

/** Targets stored for a plan: adcode → t/(km²·month). */
export async function storedTargets(k: K, planId: string): Promise<Map<string, number>> {
  const rows = await k
    .selectFrom('dust_fall_targets')
    .select(['adcode', 'target'])
    .where('plan_id', '=', planId)
    .execute();
  return new Map(rows.map((r) => [r.adcode, r.target]));
}

/** Sets a unit's target in a plan. */
export async function saveTarget(
  k: K,
  planId: string,
  adcode: string,
  target: number,
  by: string,
  at: number,
): Promise<void> {
  await k
    .deleteFrom('dust_fall_targets')
    .where('plan_id', '=', planId)
    .where('adcode', '=', adcode)
    .execute();
  await k
    .insertInto('dust_fall_targets')
    .values({ plan_id: planId, adcode, target, set_by: by, set_at: at })
    .execute();
}
