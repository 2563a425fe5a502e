/**
 * When a gate says a vehicle passed (pure): ISO 8601 with an offset (or Z), or the 2020 guide's
 * `yyyymmdd HHmmss` in Beijing time (standards.md §7.1, guide Table 3). Impossible instants —
 * unparsable, before 2000, more than five minutes ahead of the receiving clock — are refused.
 */

/** Earliest instant accepted: 2000-01-01T00:00Z. */
export const EARLIEST_PASSAGE = Date.UTC(2000, 0, 1);
/** How far ahead of the server's clock a gate's clock may run. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;
const GUIDE = /^(\d{4})(\d{2})(\d{2}) (\d{2})(\d{2})(\d{2})$/;

/** Epoch ms of a `yyyymmdd HHmmss` Beijing time, or null when it is not a real instant. */
function guideTime(m: RegExpMatchArray): number | null {
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h - 8, mi, s);
  // Date.UTC rolls 31 February over into March: compare back.
  const back = new Date(t + 8 * 3_600_000);
  return back.getUTCDate() === d && back.getUTCMonth() === mo - 1 ? t : null;
}

/** The instant a passage time names, or null when it is unparsable. */
export function parsePassageTime(s: string): number | null {
  const g = s.match(GUIDE);
  if (g) return guideTime(g);
  if (!ISO_WITH_OFFSET.test(s)) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}

/** Why a passage time is impossible at `now`, or null when it is acceptable. */
export function passageTimeProblem(t: number | null, now: number): string | null {
  if (t === null) return '无法解析（应为带时区的 ISO 8601 或 yyyymmdd HHmmss 北京时间）';
  if (t < EARLIEST_PASSAGE) return '早于 2000 年';
  if (t > now + FUTURE_TOLERANCE_MS) return '晚于当前时间 5 分钟以上';
  return null;
}

/** True when the passage reached Lantian more than `lateMinutes` after it happened. */
export function isLate(passedAt: number, receivedAt: number, lateMinutes: number): boolean {
  return receivedAt - passedAt > lateMinutes * 60_000;
}
