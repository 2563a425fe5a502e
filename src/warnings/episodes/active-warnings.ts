/**
 * Active warnings: for the dashboard's banner and overview card (signed in, scoped like the
 * episodes), and for the public notice page (no sign-in; every active warning of the city and its
 * counties with the measures summary for the public, at most `maxWarnings`).
 */
import type { z } from 'zod';
import type { Principal } from '../../auth/principal.ts';
import {
  RESPONSE_GRADES,
  WARNING_LEVEL_NAMES,
  type ColouredLevel,
} from '../../standards/warning/index.ts';
import type { Db } from '../../store/db.ts';
import { confirmingUnit, episodeRegions } from './episode-access.ts';
import { confirmationsOf, decisionsOf, listEpisodes, type EpisodeRow } from './episode-repo.ts';
import { regionNames } from './episode-service.ts';
import { publicMeasures } from './public-measures.ts';
import type { ActiveWarning, PublicList } from './schema.ts';

/** Upper bound on the active episodes read at once (a city has a dozen units). */
const MAX_ACTIVE = 200;

async function activeWithLatest(db: Db, regions: 'all' | string[], limit: number) {
  const episodes = await listEpisodes(db.kysely, { regions, status: 'active', limit });
  const decisions = await decisionsOf(
    db.kysely,
    episodes.map((e) => Number(e.id)),
  );
  const latest = (e: EpisodeRow) =>
    decisions.filter((d) => Number(d.episode_id) === Number(e.id)).at(-1)!;
  return episodes
    .filter((e) => decisions.some((d) => Number(d.episode_id) === Number(e.id)))
    .map((e) => ({ episode: e, decision: latest(e) }));
}

/** The active warnings a signed-in principal sees, with its own confirmation state. */
export async function activeWarnings(
  db: Db,
  p: Principal,
): Promise<z.output<typeof ActiveWarning>[]> {
  const rows = await activeWithLatest(db, await episodeRegions(db, p), MAX_ACTIVE);
  const names = await regionNames(db);
  const unit = confirmingUnit(p);
  const confirmed = unit
    ? await confirmationsOf(
        db.kysely,
        rows.map((r) => Number(r.decision.id)),
      )
    : [];
  return rows.map(({ episode: e, decision: d }) => ({
    episodeId: Number(e.id),
    region: e.region_adcode,
    regionName: names.get(e.region_adcode) ?? e.region_adcode,
    level: e.level,
    levelName: WARNING_LEVEL_NAMES[e.level as ColouredLevel] ?? e.level,
    response: e.response as 'industrial' | 'advice',
    from: e.from_date,
    to: e.to_date,
    levelSince: e.level_since,
    decisionId: Number(d.id),
    noticeNumber: d.notice_number,
    confirmed: unit
      ? confirmed.some((c) => Number(c.decision_id) === Number(d.id) && c.unit === unit)
      : null,
  }));
}

/** The public notice page's answer: at most `maxWarnings` active warnings, most severe first. */
export async function publicWarnings(
  db: Db,
  now: number,
  maxWarnings: number,
): Promise<z.output<typeof PublicList>> {
  const rows = await activeWithLatest(db, 'all', maxWarnings + 1);
  const names = await regionNames(db);
  const rank = { red: 3, orange: 2, yellow: 1 } as Record<string, number>;
  rows.sort(
    (a, b) =>
      (rank[b.episode.level] ?? 0) - (rank[a.episode.level] ?? 0) ||
      a.episode.region_adcode.localeCompare(b.episode.region_adcode),
  );
  return {
    generatedAt: now,
    truncated: rows.length > maxWarnings,
    warnings: rows.slice(0, maxWarnings).map(({ episode: e, decision: d }) => {
      const level = e.level as ColouredLevel;
      return {
        regionName: names.get(e.region_adcode) ?? e.region_adcode,
        level,
        levelName: WARNING_LEVEL_NAMES[level],
        responseGrade: RESPONSE_GRADES[level],
        from: e.from_date,
        to: e.to_date,
        noticeNumber: d.notice_number,
        ...publicMeasures(level, e.response as 'industrial' | 'advice'),
      };
    }),
  };
}
