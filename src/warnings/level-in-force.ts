/**
 * The warning level in force for a county at an instant (read function for other domains, e.g.
 * the gate checks): the episodes of the county and of every region above it (a city's warning
 * covers its counties) that are in force on the instant's Beijing day, each at the level its
 * decisions set for that day (episode-days.ts); the highest wins, the county's own on a tie.
 * Only episodes with the coloured 'industrial' response count: an 'advice' episode carries no
 * emergency measures (docs/warnings.md).
 */
import { loadRegionTree } from '../auth/region-ancestry.ts';
import { regionAncestors } from '../auth/scope.ts';
import { levelRank, type ColouredLevel } from '../standards/warning/levels.ts';
import type { Db } from '../store/db.ts';
import { epochToLocalDate } from '../time/zoned-time.ts';
import { episodeLastDay, levelByDay } from './episode-days.ts';

/** The level in force and the episode that sets it. */
export interface LevelInForce {
  level: ColouredLevel;
  episodeId: number;
  /** The region whose episode it is (the county or a region above it). */
  region: string;
  date: string;
}

/** The level in force for `countyAdcode` at `at` (epoch ms), or null when no warning is in force. */
export async function warningLevelAt(
  db: Db,
  countyAdcode: string,
  at: number,
): Promise<LevelInForce | null> {
  const regions = regionAncestors(await loadRegionTree(db), countyAdcode);
  const date = epochToLocalDate('Asia/Shanghai', at);
  const episodes = await db.kysely
    .selectFrom('warning_episodes')
    .selectAll()
    .where('region_adcode', 'in', regions)
    .where('response', '=', 'industrial')
    .where('from_date', '<=', date)
    .execute();
  let best: LevelInForce | null = null;
  for (const e of episodes) {
    if (episodeLastDay(e, date) < date) continue;
    const decisions = await db.kysely
      .selectFrom('warning_decisions')
      .select(['seq', 'action', 'level', 'from_date'])
      .where('episode_id', '=', e.id)
      .execute();
    const level = levelByDay(
      decisions.map((d) => ({
        seq: Number(d.seq),
        action: d.action,
        level: d.level,
        effective: d.from_date,
      })),
      [date],
      e.level as ColouredLevel,
    ).get(date)!;
    const better =
      !best ||
      levelRank(level) > levelRank(best.level) ||
      (levelRank(level) === levelRank(best.level) &&
        regions.indexOf(e.region_adcode) < regions.indexOf(best.region));
    if (better) best = { level, episodeId: Number(e.id), region: e.region_adcode, date };
  }
  return best;
}
