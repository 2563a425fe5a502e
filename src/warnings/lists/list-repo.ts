/** Store access of emergency-reduction lists and their items, and of what generation reads. */
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../store/schema.ts';

type K = Kysely<DatabaseSchema>;

/** The enterprises of some regions with what the measure rules need. */
export function enterprisesIn(k: K, regions: string[]) {
  return k
    .selectFrom('enterprises as e')
    .leftJoin('emergency_transport as t', 't.enterprise_id', 'e.id')
    .select([
      'e.id',
      'e.credit_code',
      'e.name',
      'e.region_adcode',
      'e.industry',
      'e.categories',
      'e.grade',
      'e.positive_list',
      'e.positive_until',
      'e.guarantee',
      'e.guarantee_until',
      't.trucks_per_day',
    ])
    .where('e.region_adcode', 'in', regions)
    .orderBy('e.region_adcode')
    .orderBy('e.credit_code')
    .execute();
}

/** Number of production lines per enterprise. */
export async function lineCounts(k: K, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await k
    .selectFrom('production_lines')
    .select('enterprise_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enterprise_id', 'in', ids)
    .groupBy('enterprise_id')
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, Number(r.n)]));
}

/** The overrides of one level, by enterprise id. */
export async function overridesOfLevel(k: K, level: string): Promise<Map<number, string>> {
  const rows = await k
    .selectFrom('emergency_overrides')
    .select(['enterprise_id', 'measures'])
    .where('level', '=', level)
    .execute();
  return new Map(rows.map((r) => [r.enterprise_id, r.measures]));
}

/** The next version number of a region's lists of a level and kind. */
export async function nextVersion(k: K, region: string, level: string, kind: string) {
  const r = await k
    .selectFrom('emergency_lists')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('region_adcode', '=', region)
    .where('level', '=', level)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(r?.v ?? 0) + 1;
}

/** One list by id. */
export function findList(k: K, id: number) {
  return k.selectFrom('emergency_lists').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Lists matching the filters, newest first, with their item counts. */
export function findLists(
  k: K,
  f: { regions?: string[]; level?: string; kind?: string; status?: string },
) {
  let q = k
    .selectFrom('emergency_lists as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .selectFrom('emergency_list_items as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.list_id', '=', 'l.id')
        .as('item_count'),
    );
  if (f.regions) q = q.where('l.region_adcode', 'in', f.regions.length ? f.regions : ['']);
  if (f.level) q = q.where('l.level', '=', f.level);
  if (f.kind) q = q.where('l.kind', '=', f.kind);
  if (f.status) q = q.where('l.status', '=', f.status);
  return q.orderBy('l.generated_at', 'desc').orderBy('l.id', 'desc').limit(200).execute();
}

/** List items joined to their enterprises: the item's measures and amounts, who and where. */
export function itemsWithEnterprises(k: K) {
  return k
    .selectFrom('emergency_list_items as i')
    .innerJoin('enterprises as e', 'e.id', 'i.enterprise_id')
    .select([
      'i.enterprise_id',
      'i.measures',
      'i.basis',
      'i.baseline',
      'i.expected',
      'e.credit_code',
      'e.name',
      'e.region_adcode',
    ]);
}

/** A list's items with their enterprises, by county then credit code. */
export function listItems(k: K, listId: number) {
  return itemsWithEnterprises(k)
    .select(['e.industry', 'e.grade'])
    .where('i.list_id', '=', listId)
    .orderBy('e.region_adcode')
    .orderBy('e.credit_code')
    .execute();
}

/** An item as generation writes it. */
export interface NewItem {
  enterprise_id: number;
  measures: string;
  basis: string;
  baseline: string;
  expected: string;
}

/** Inserts a draft list with its items; returns its id. */
export async function insertList(
  k: K,
  list: {
    region_adcode: string;
    level: string;
    kind: string;
    version: number;
    totals: string;
    edition: string;
    generated_by: string;
    generated_at: number;
  },
  items: NewItem[],
): Promise<number> {
  const { id } = await k
    .insertInto('emergency_lists')
    .values({ ...list, status: 'draft', shortfall_overridden: 0, override_reason: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < items.length; i += 200)
    await k
      .insertInto('emergency_list_items')
      .values(items.slice(i, i + 200).map((it) => ({ ...it, list_id: id })))
      .execute();
  return Number(id);
}

/** Publishes a list: the region's earlier published list of the same level and kind is superseded. */
export async function markPublished(
  k: K,
  l: { id: number; region_adcode: string; level: string; kind: string },
  by: string,
  at: number,
  overrideReason: string | null,
): Promise<void> {
  await k
    .updateTable('emergency_lists')
    .set({ status: 'superseded' })
    .where('region_adcode', '=', l.region_adcode)
    .where('level', '=', l.level)
    .where('kind', '=', l.kind)
    .where('status', '=', 'published')
    .execute();
  await k
    .updateTable('emergency_lists')
    .set({
      status: 'published',
      published_by: by,
      published_at: at,
      shortfall_overridden: overrideReason ? 1 : 0,
      override_reason: overrideReason,
    })
    .where('id', '=', l.id)
    .execute();
}
