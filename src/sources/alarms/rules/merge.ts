/**
 * Duplicates merged (pure): one alarm stays open per kind, outlet (or line) and pollutant while
 * its condition persists or recurs. What the detectors found for one such key is folded into the
 * open alarm: only hours after the last one it counted are added, so that evaluating an
 * overlapping window again adds nothing, and hours already covered by a closed alarm never open a
 * new one.
 */
import type { Episode } from './episode.ts';

/** What an alarm of the key already holds. */
export interface AlarmMark {
  /** Start of the last hour counted (open alarm), or of a closed alarm's last hour. */
  lastSeen: number;
  /** True when the alarm is open (not closed). */
  open: boolean;
  /** True when its condition held at the last evaluation. */
  active: boolean;
}

/** What to do with the key. */
export type MergeDecision =
  | { action: 'none' }
  | {
      action: 'open';
      firstSeen: number;
      lastSeen: number;
      hours: number;
      active: boolean;
      detail: object;
    }
  | {
      action: 'extend';
      lastSeen: number;
      /** Hours newly counted (0: only the active state changed). */
      hours: number;
      active: boolean;
      detail: object;
    };

/** Folds the episodes of one key into its latest alarm (undefined when it never had one). */
export function mergeEpisodes(
  mark: AlarmMark | undefined,
  episodes: readonly Episode[],
): MergeDecision {
  const after = mark?.lastSeen ?? Number.NEGATIVE_INFINITY;
  const fresh = [...new Set(episodes.flatMap((e) => e.hours))]
    .filter((h) => h > after)
    .sort((a, b) => a - b);
  const active = episodes.some((e) => e.ongoing);
  const latest = episodes[episodes.length - 1];
  const detail = latest?.detail ?? {};
  if (mark?.open) {
    if (fresh.length === 0 && active === mark.active) return { action: 'none' };
    return {
      action: 'extend',
      lastSeen: fresh.length ? fresh[fresh.length - 1]! : mark.lastSeen,
      hours: fresh.length,
      active,
      detail,
    };
  }
  if (fresh.length === 0) return { action: 'none' };
  return {
    action: 'open',
    firstSeen: fresh[0]!,
    lastSeen: fresh[fresh.length - 1]!,
    hours: fresh.length,
    active,
    detail,
  };
}
