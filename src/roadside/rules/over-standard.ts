/**
 * The over-standard vehicle rule (pure): the same pollutant exceeding its limit twice in a row
 * within six natural months (docs/standards/remote-sensing.md §2, HJ 845-2017 as restated by
 * DB11; the national wording is UNVERIFIED, so the window and "in a row" are settings). Dates
 * are Beijing calendar dates; the window end is the same day-of-month six months later, clamped
 * to the month's last day.
 */
import type { Measured, Pollutant, RoadsideRules } from './limits.ts';
import { POLLUTANTS } from './limits.ts';

/** One judged record of a vehicle. */
export interface JudgedRecord {
  id: number;
  /** Epoch milliseconds. */
  at: number;
  measured: Measured;
  failing: readonly Pollutant[];
}

/** A finding: the pollutant and the two failing records (the second dates the finding). */
export interface OverStandardFinding {
  pollutant: Pollutant;
  firstId: number;
  firstAt: number;
  secondId: number;
  secondAt: number;
}

const BEIJING_MS = 8 * 3_600_000;

/** The Beijing calendar date of an instant as [year, month (1-12), day]. */
function beijingDate(at: number): [number, number, number] {
  const d = new Date(at + BEIJING_MS);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** True when instant `b` falls on or before the Beijing date `months` months after `a`'s. */
export function withinMonths(a: number, b: number, months: number): boolean {
  const [y, m, d] = beijingDate(a);
  const total = y * 12 + (m - 1) + months;
  const ey = Math.floor(total / 12);
  const em = (total % 12) + 1;
  const last = new Date(Date.UTC(ey, em, 0)).getUTCDate();
  const end = [ey, em, Math.min(d, last)];
  const [by, bm, bd] = beijingDate(b);
  return by * 10_000 + bm * 100 + bd <= end[0]! * 10_000 + end[1]! * 100 + end[2]!;
}

/** The findings of one vehicle's records (any order), the earliest per pollutant first. */
export function overStandardFindings(
  records: readonly JudgedRecord[],
  r: RoadsideRules,
): OverStandardFinding[] {
  const sorted = [...records].sort((a, b) => a.at - b.at || a.id - b.id);
  const out: OverStandardFinding[] = [];
  for (const p of POLLUTANTS) {
    const measured = sorted.filter((x) => x.measured[p] !== null);
    let last: JudgedRecord | null = null;
    for (const x of measured) {
      const fails = x.failing.includes(p);
      if (fails && last && withinMonths(last.at, x.at, r.windowMonths)) {
        out.push({
          pollutant: p,
          firstId: last.id,
          firstAt: last.at,
          secondId: x.id,
          secondAt: x.at,
        });
        break;
      }
      if (fails) last = x;
      else if (r.consecutive) last = null;
    }
  }
  return out.sort((a, b) => a.secondAt - b.secondAt);
}
