/**
 * What the compliance checks read: the active episodes, the published industrial list items that
 * apply to an episode (its level, its region or the city), the enterprises' outlets and their
 * valid CEMS hours per day, and their production lines.
 */
import type { Kysely, Selectable } from 'kysely';
import type { RegionTree } from '../../auth/scope.ts';
import { regionAncestors, regionDescendants } from '../../auth/scope.ts';
import type { ColouredLevel } from '../../standards/warning/levels.ts';
import type { DatabaseSchema } from '../../store/schema.ts';
import { daysOfEachLevel, levelByDay } from '../episode-days.ts';
import { itemsWithEnterprises } from '../lists/list-repo.ts';
import type { WarningEpisodeTable } from '../tables.ts';
import type { LineRef } from './rules/line-running.ts';
import type { OutletDay } from './rules/not-cutting.ts';

type K = Kysely<DatabaseSchema>;

/** An episode row. */
export type EpisodeRow = Selectable<WarningEpisodeTable>;

/** One enterprise on the list that applies to an episode. */
export interface ListedEnterprise {
  listId: number;
  listRegion: string;
  enterpriseId: number;
  creditCode: string;
  name: string;
  region: string;
  measures: string;
  basis: string;
  baseline: string;
  expected: string;
}

/** Episodes in force. */
export function activeEpisodes(k: K): Promise<EpisodeRow[]> {
  return k
    .selectFrom('warning_episodes')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}

/** One episode, or undefined. */
export function findEpisode(k: K, id: number): Promise<EpisodeRow | undefined> {
  return k.selectFrom('warning_episodes').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The enterprises on the published industrial lists of the episode's level whose region is the
 * episode's region, one of its ancestors (the city) or, for a city episode, one of its counties —
 * the latest published version per region; an enterprise on two lists keeps the item of the list
 * of the more specific region. Only enterprises in the episode's region and below.
 */
async function listedEnterprises(
  k: K,
  tree: RegionTree,
  episode: EpisodeRow,
): Promise<ListedEnterprise[]> {
  const inside = new Set([
    episode.region_adcode,
    ...regionDescendants(tree, episode.region_adcode),
  ]);
  const regions = [...inside, ...regionAncestors(tree, episode.region_adcode)];
  const lists = await k
    .selectFrom('emergency_lists')
    .select(['id', 'region_adcode', 'version'])
    .where('status', '=', 'published')
    .where('kind', '=', 'industrial')
    .where('level', '=', episode.level)
    .where('region_adcode', 'in', regions)
    .execute();
  const latest = new Map<string, { id: number; version: number }>();
  for (const l of lists) {
    const cur = latest.get(l.region_adcode);
    if (!cur || l.version > cur.version) latest.set(l.region_adcode, l);
  }
  if (latest.size === 0) return [];
  const depth = (adcode: string) => regionAncestors(tree, adcode).length;
  const regionOf = new Map([...latest].map(([r, l]) => [l.id, r]));
  const rows = await itemsWithEnterprises(k)
    .select('i.list_id')
    .where(
      'i.list_id',
      'in',
      [...latest.values()].map((l) => l.id),
    )
    .orderBy('i.enterprise_id')
    .execute();
  const out = new Map<number, ListedEnterprise>();
  for (const r of rows) {
    if (!inside.has(r.region_adcode)) continue;
    const listRegion = regionOf.get(r.list_id)!;
    const prev = out.get(r.enterprise_id);
    if (prev && depth(prev.listRegion) >= depth(listRegion)) continue;
    out.set(r.enterprise_id, {
      listId: r.list_id,
      listRegion,
      enterpriseId: r.enterprise_id,
      creditCode: r.credit_code,
      name: r.name,
      region: r.region_adcode,
      measures: r.measures,
      basis: r.basis,
      baseline: r.baseline,
      expected: r.expected,
    });
  }
  return [...out.values()];
}

/** The days of one level in force and the enterprises on that level's list. */
export interface LevelDays {
  level: ColouredLevel;
  days: string[];
  items: ListedEnterprise[];
}

/**
 * For each level in force over `days` (the episode's decisions, ../episode-days.ts): its days and
 * the enterprises on its published list. The compliance checks and the evaluation both read an
 * episode this way, so that each day is judged against the list of the level in force that day.
 */
export async function listedByLevel(
  k: K,
  tree: RegionTree,
  episode: EpisodeRow,
  days: readonly string[],
): Promise<LevelDays[]> {
  const decisions = await k
    .selectFrom('warning_decisions')
    .select(['seq', 'action', 'level', 'from_date'])
    .where('episode_id', '=', episode.id)
    .execute();
  const levels = levelByDay(
    decisions.map((d) => ({ ...d, effective: d.from_date })),
    days,
    episode.level as ColouredLevel,
  );
  const out: LevelDays[] = [];
  for (const [level, atLevel] of daysOfEachLevel(levels))
    out.push({
      level,
      days: atLevel,
      items: await listedEnterprises(k, tree, { ...episode, level }),
    });
  return out;
}

const dayKey = (code: string, day: string) => `${code}|${day}`;

/**
 * Valid hours and -Cou sums of an enterprise's outlets over local days [from, to]: per pollutant
 * code and day, every outlet measuring it (0 hours when it sent none).
 */
export async function enterpriseCemsDays(
  k: K,
  enterpriseId: number,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<{ get(code: string, day: string): OutletDay[] }> {
  const outlets = await k
    .selectFrom('outlets')
    .select(['id', 'pollutants'])
    .where('enterprise_id', '=', enterpriseId)
    .execute();
  const measuring = new Map<string, number[]>();
  for (const o of outlets) {
    let list: unknown;
    try {
      list = JSON.parse(o.pollutants);
    } catch {
      list = [];
    }
    for (const c of codes)
      if (Array.isArray(list) && list.includes(c))
        measuring.set(c, [...(measuring.get(c) ?? []), o.id]);
  }
  const ids = outlets.map((o) => o.id);
  const sums = new Map<string, Map<number, { hours: number; kg: number }>>();
  if (ids.length > 0 && codes.length > 0) {
    const rows = await k
      .selectFrom('cems_hours')
      .select((eb) => [
        'outlet_id',
        'pollutant',
        'day',
        eb.fn.countAll<number>().as('hours'),
        eb.fn.sum<number>('cou').as('kg'),
      ])
      .where('outlet_id', 'in', ids)
      .where('pollutant', 'in', [...codes])
      .where('day', '>=', from)
      .where('day', '<=', to)
      .where('valid', '=', 1)
      .where('cou', 'is not', null)
      .groupBy(['outlet_id', 'pollutant', 'day'])
      .execute();
    for (const r of rows) {
      const key = dayKey(r.pollutant, r.day);
      const m = sums.get(key) ?? new Map();
      m.set(r.outlet_id, { hours: Number(r.hours), kg: Number(r.kg) });
      sums.set(key, m);
    }
  }
  return {
    get(code, day) {
      const m = sums.get(dayKey(code, day));
      return (measuring.get(code) ?? []).map((outletId) => ({
        outletId,
        validHours: m?.get(outletId)?.hours ?? 0,
        kg: m?.get(outletId)?.kg ?? 0,
      }));
    },
  };
}

/** An enterprise's production lines. */
export function enterpriseLines(k: K, enterpriseId: number): Promise<LineRef[]> {
  return k
    .selectFrom('production_lines')
    .select(['id', 'code', 'name', 'process'])
    .where('enterprise_id', '=', enterpriseId)
    .orderBy('code')
    .execute();
}
