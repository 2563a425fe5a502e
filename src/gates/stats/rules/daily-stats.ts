/**
 * Daily gate statistics, pure (issue 12; standards.md §7.1 fields, §7.3): per Beijing day and
 * enterprise — truck entries and exits, entries by emission stage, the share of China IV and
 * lower (stages 0–4) among entries whose stage is known (electric 'D' counts as known, not low),
 * manual openings (人为开闸) — and the county roll-up of the same. The version below is recorded
 * with every result.
 */

/** Version of these rules, given with every result. */
export const GATE_STATS_VERSION = 'gate-stats-1';

/** Emission stages counted as "China IV and lower". */
const LOW_STAGES = new Set(['0', '1', '2', '3', '4']);

/** A grouped count of passages. */
export interface PassageCount {
  day: string;
  enterpriseId: number;
  stage: string | null;
  direction: string;
  manualOpen: boolean;
  n: number;
}

/** The figures of a day for an enterprise or a county. */
export interface DayFigures {
  day: string;
  entries: number;
  exits: number;
  /** Entries by stage ('0'–'6', 'D', 'unknown'). */
  byStage: Record<string, number>;
  lowStageEntries: number;
  /** lowStageEntries / entries of known stage, 0–1; null when no entry had a known stage. */
  lowStageShare: number | null;
  manualOpenings: number;
}

const empty = (day: string): DayFigures => ({
  day,
  entries: 0,
  exits: 0,
  byStage: {},
  lowStageEntries: 0,
  lowStageShare: null,
  manualOpenings: 0,
});

function add(f: DayFigures, c: PassageCount): void {
  if (c.manualOpen) f.manualOpenings += c.n;
  if (c.direction !== 'in') {
    f.exits += c.n;
    return;
  }
  f.entries += c.n;
  const stage = c.stage ?? 'unknown';
  f.byStage[stage] = (f.byStage[stage] ?? 0) + c.n;
  if (LOW_STAGES.has(stage)) f.lowStageEntries += c.n;
}

function finish(f: DayFigures): DayFigures {
  const known = f.entries - (f.byStage.unknown ?? 0);
  f.lowStageShare = known > 0 ? Math.round((f.lowStageEntries / known) * 1000) / 1000 : null;
  return f;
}

/** Figures per day of groups keyed by `keyOf` (an enterprise id, a county adcode). */
export function dailyFigures<K>(
  counts: readonly PassageCount[],
  keyOf: (c: PassageCount) => K,
): Map<K, DayFigures[]> {
  const by = new Map<K, Map<string, DayFigures>>();
  for (const c of counts) {
    const k = keyOf(c);
    const days = by.get(k) ?? new Map<string, DayFigures>();
    by.set(k, days);
    const f = days.get(c.day) ?? empty(c.day);
    days.set(c.day, f);
    add(f, c);
  }
  return new Map(
    [...by].map(([k, days]) => [
      k,
      [...days.values()].sort((a, b) => (a.day < b.day ? -1 : 1)).map(finish),
    ]),
  );
}
