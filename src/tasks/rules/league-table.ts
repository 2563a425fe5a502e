/**
 * The league table of on-time completion (pure): for every county and every lead department, the
 * milestones whose date has passed by the evaluation date, and how many of them were met on time,
 * met late or are still unmet. Units are ranked by the on-time rate, best first; equal rates share
 * a rank (1, 1, 3), and a unit with nothing due yet is not ranked (四.(四) 考核问责).
 */
import { rankBy } from '../../standards/ranking/rank.ts';
import type { RowEvaluation } from './status-rules.ts';

/** One row's contribution, with who answers for it. */
export interface LeagueInput {
  unit: string;
  departments: readonly string[];
  evaluation: RowEvaluation;
}

/** A line of the table. */
export interface LeagueLine {
  kind: 'unit' | 'department';
  id: string;
  /** Milestones whose date has passed. */
  due: number;
  onTime: number;
  late: number;
  missed: number;
  /** Rows done (accepted completion). */
  done: number;
  rows: number;
  /** onTime / due, or null when nothing is due yet. */
  rate: number | null;
  rank: number | null;
}

function tally(kind: LeagueLine['kind'], id: string, rows: readonly LeagueInput[]): LeagueLine {
  let due = 0;
  let onTime = 0;
  let late = 0;
  let missed = 0;
  for (const r of rows)
    for (const m of r.evaluation.milestones) {
      if (m.milestone.date >= r.evaluation.date) continue;
      due++;
      if (m.state === 'met') onTime++;
      else if (m.state === 'met_late') late++;
      else missed++;
    }
  return {
    kind,
    id,
    due,
    onTime,
    late,
    missed,
    done: rows.filter((r) => r.evaluation.status === 'done').length,
    rows: rows.length,
    rate: due === 0 ? null : onTime / due,
    rank: null,
  };
}

/** Builds and ranks the table for the counties (city-level rows excluded) and the departments. */
export function leagueTable(
  rows: readonly LeagueInput[],
  cityAdcode: string,
): { units: LeagueLine[]; departments: LeagueLine[] } {
  const group = (keys: (r: LeagueInput) => readonly string[]): Map<string, LeagueInput[]> => {
    const m = new Map<string, LeagueInput[]>();
    for (const r of rows) for (const k of keys(r)) m.set(k, [...(m.get(k) ?? []), r]);
    return m;
  };
  const rank = (lines: LeagueLine[]): LeagueLine[] =>
    rankBy(lines, (l) => l.rate, 'desc').map((x) => ({ ...x.item, rank: x.rank }));
  const units = [...group((r) => (r.unit === cityAdcode ? [] : [r.unit]))].map(([id, rs]) =>
    tally('unit', id, rs),
  );
  const departments = [...group((r) => r.departments)].map(([id, rs]) =>
    tally('department', id, rs),
  );
  return { units: rank(units), departments: rank(departments) };
}
