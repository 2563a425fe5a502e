/**
 * Which lines an enterprise must stop during an episode, and did they run? (pure). The measures
 * come from its list item (src/warnings/measures.ts): `stop` stops every production line;
 * `stop-lines` and `stop-kilns` name the lines to stop (`lines`, production_lines.code);
 * `stop-kilns` without names means the kiln and furnace lines (process or name with 窑 or 炉);
 * `stop-lines` with only a percentage means at most ⌊n × (1 − pct/100)⌋ of the n lines may run
 * at the same hour. Running states are the power part's hourly production states (`lineStates()`,
 * docs/standards/sub-metering-ldar.md §1.2); an unknown state is not a violation.
 */
import type { Measure } from '../../measures.ts';

/** A production line as the rule sees it. */
export interface LineRef {
  id: number;
  code: string;
  name: string;
  process: string | null;
}

/** What the measures require of the lines. */
export interface StopRequirement {
  /** Lines that must not run at all. */
  stopped: LineRef[];
  /** Most lines that may run at the same hour (share rule), or null. */
  maxRunning: number | null;
  /** Measures the requirement comes from (kinds). */
  measures: string[];
}

const KILN = /窑|炉/;

/** The lines to stop and the share rule of a list item's measures. */
export function stopRequirement(
  measures: readonly Measure[],
  lines: readonly LineRef[],
): StopRequirement {
  const stopped = new Map<number, LineRef>();
  let maxRunning: number | null = null;
  const used: string[] = [];
  const named = (codes: readonly string[]) => lines.filter((l) => codes.includes(l.code));
  for (const m of measures) {
    let chosen: LineRef[] = [];
    if (m.kind === 'stop') chosen = [...lines];
    else if (m.kind === 'stop-kilns')
      chosen = m.lines?.length
        ? named(m.lines)
        : lines.filter((l) => KILN.test(l.process ?? '') || KILN.test(l.name));
    else if (m.kind === 'stop-lines' && m.lines?.length) chosen = named(m.lines);
    else if (m.kind === 'stop-lines' && m.pct !== undefined && lines.length > 0) {
      const allowed = Math.floor(lines.length * (1 - m.pct / 100));
      maxRunning = maxRunning === null ? allowed : Math.min(maxRunning, allowed);
      used.push(m.kind);
      continue;
    } else continue;
    used.push(m.kind);
    for (const l of chosen) stopped.set(l.id, l);
  }
  return { stopped: [...stopped.values()], maxRunning, measures: used };
}

/** One line's production state in one hour. */
export interface HourState {
  time: number;
  production: boolean | null;
}

/** Hours (starts, epoch ms) a line ran. */
export function runningHours(hours: readonly HourState[]): number[] {
  return hours.filter((h) => h.production === true).map((h) => h.time);
}

/** Hours when more lines ran than the share rule allows, with how many ran. */
export function hoursOverShare(
  byLine: ReadonlyMap<number, readonly HourState[]>,
  maxRunning: number,
): Array<{ time: number; running: number }> {
  const counts = new Map<number, number>();
  for (const hours of byLine.values())
    for (const t of runningHours(hours)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n > maxRunning)
    .sort((a, b) => a[0] - b[0])
    .map(([time, running]) => ({ time, running }));
}
