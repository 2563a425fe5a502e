/** How an episode, its decisions and confirmations look in the API (schema.ts EpisodeOut). */
import type { z } from 'zod';
import {
  WARNING_ACTION_NAMES,
  WARNING_LEVEL_NAMES,
  type WarningAction,
  type WarningLevel,
} from '../../standards/warning/index.ts';
import type { ConfirmationRow, DecisionRow, EpisodeRow } from './episode-repo.ts';
import type { EpisodeOut } from './schema.ts';

/** Region names by adcode. */
export type RegionNames = ReadonlyMap<string, string>;
/** An episode as the API answers it. */
export type EpisodeView = z.output<typeof EpisodeOut>;

const nameOf = (names: RegionNames, code: string) => names.get(code) ?? code;

/** The view of one episode; `counties` are the units expected to confirm (the region's children). */
export function episodeView(
  e: EpisodeRow,
  decisions: readonly DecisionRow[],
  confirmations: readonly ConfirmationRow[],
  names: RegionNames,
  counties: readonly string[],
): EpisodeView {
  const expected = counties.length > 0 ? counties : [e.region_adcode];
  return {
    id: Number(e.id),
    region: e.region_adcode,
    regionName: nameOf(names, e.region_adcode),
    status: e.status as 'active' | 'lifted',
    level: e.level,
    levelName: WARNING_LEVEL_NAMES[e.level as WarningLevel] ?? e.level,
    peakLevel: e.peak_level,
    response: e.response as 'industrial' | 'advice',
    from: e.from_date,
    to: e.to_date,
    levelSince: e.level_since,
    liftedOn: e.lifted_on,
    edition: e.edition,
    forecastVersionId: e.forecast_version_id === null ? null : Number(e.forecast_version_id),
    decisions: decisions.map((d) => {
      const mine = confirmations.filter((c) => Number(c.decision_id) === Number(d.id));
      return {
        id: Number(d.id),
        seq: Number(d.seq),
        action: d.action,
        actionName: WARNING_ACTION_NAMES[d.action as WarningAction] ?? d.action,
        level: d.level,
        levelName: WARNING_LEVEL_NAMES[d.level as WarningLevel] ?? d.level,
        from: d.from_date,
        to: d.to_date,
        forecastVersionId: d.forecast_version_id === null ? null : Number(d.forecast_version_id),
        edition: d.edition,
        basis: d.basis as 'supported' | 'overridden',
        overrideReason: d.override_reason,
        reason: d.reason,
        noticeNumber: d.notice_number,
        noticeUrl: `/api/warnings/decisions/${Number(d.id)}/notice.pdf`,
        decidedBy: d.decided_by,
        decidedAt: Number(d.decided_at),
        confirmations: mine.map((c) => ({
          unit: c.unit,
          unitName: nameOf(names, c.unit),
          confirmedBy: c.confirmed_by,
          confirmedAt: c.confirmed_at,
          note: c.note,
        })),
        pending: expected
          .filter((u) => !mine.some((c) => c.unit === u))
          .map((u) => ({ unit: u, unitName: nameOf(names, u) })),
      };
    }),
  };
}
