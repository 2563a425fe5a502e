/**
 * Completeness of a gate per Beijing day, pure (standards.md §7.3: real-time upload; the ≥ 95 %
 * transmission rate vendors quote is UNVERIFIED, so no pass mark is applied here): the hours of
 * the gate's expected window (gates.expected_hours, JSON [from, to) in Beijing hours) in which it
 * sent at least one passage or heartbeat, against the hours of the window.
 */

const HOUR_MS = 3_600_000;

/** A gate's expected window [from, to) in Beijing hours; [0, 24) when the stored value is unusable. */
export function expectedWindow(json: string): [number, number] {
  try {
    const v = JSON.parse(json) as unknown;
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      Number.isInteger(v[0]) &&
      Number.isInteger(v[1]) &&
      v[0] >= 0 &&
      v[0] < v[1] &&
      v[1] <= 24
    )
      return [v[0] as number, v[1] as number];
  } catch {
    // fall through to the whole day
  }
  return [0, 24];
}

/** One gate-day. */
export interface GateDayCompleteness {
  day: string;
  seenHours: number;
  expectedHours: number;
  /** seenHours / expectedHours, 0–1 (three decimals). */
  ratio: number;
}

/**
 * Completeness per day of `days` from the hour starts (UTC epoch ms, whole hours) in which the
 * gate was heard from; `dayOf` gives an instant's Beijing day.
 */
export function gateCompleteness(
  days: readonly string[],
  window: [number, number],
  heardHours: Iterable<number>,
  dayOf: (ms: number) => string,
): GateDayCompleteness[] {
  const seen = new Map<string, number>();
  for (const h of heardHours) {
    const hourOfDay = Math.floor(h / HOUR_MS + 8) % 24;
    if (hourOfDay < window[0] || hourOfDay >= window[1]) continue;
    const d = dayOf(h);
    seen.set(d, (seen.get(d) ?? 0) + 1);
  }
  const expected = window[1] - window[0];
  return days.map((day) => {
    const n = seen.get(day) ?? 0;
    return {
      day,
      seenHours: n,
      expectedHours: expected,
      ratio: Math.round((n / expected) * 1000) / 1000,
    };
  });
}
