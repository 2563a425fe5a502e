/**
 * Alarms of a dust site's PM10 monitor (pure), from its hourly PM10 means
 * (docs/standards/dust-fall.md §4): a run of at least `hours` consecutive hours above `level`
 * µg/m³, and a silence of at least `offlineHours` hours without an hourly value up to `now`
 * or between two values. Level and hours are configuration (UNVERIFIED defaults).
 */

/** The edition of the alarm rule recorded with each alarm. */
export const SITE_ALARM_EDITION = 'lantian-dust-site-1';

const HOUR = 3_600_000;

/** Alarm settings. */
export interface SiteAlarmRule {
  level: number;
  hours: number;
  offlineHours: number;
}

/** One detected alarm. */
export interface SiteAlarm {
  kind: 'pm10_high' | 'offline';
  startAt: number;
  /** The first hour after the run / the next value; null while it lasts. */
  endAt: number | null;
  /** Highest hourly PM10 of a pm10_high run; hours of an offline gap. */
  peak: number;
}

/** Detects the alarms in hourly values sorted or not (hour start → PM10). */
export function siteAlarms(
  hours: ReadonlyArray<{ at: number; pm10: number }>,
  rule: SiteAlarmRule,
  window: { from: number; now: number },
): SiteAlarm[] {
  const sorted = [...hours].sort((a, b) => a.at - b.at);
  const out: SiteAlarm[] = [];
  let run: { start: number; last: number; peak: number; n: number } | null = null;
  const closeRun = (end: number | null) => {
    if (run && run.n >= rule.hours)
      out.push({ kind: 'pm10_high', startAt: run.start, endAt: end, peak: run.peak });
    run = null;
  };
  for (const h of sorted) {
    // A missing hour ends a run where its values end.
    const open = run as { last: number } | null;
    if (open && h.at !== open.last + HOUR) closeRun(open.last + HOUR);
    if (h.pm10 <= rule.level) {
      closeRun(h.at);
      continue;
    }
    if (run) {
      run.last = h.at;
      run.n++;
      run.peak = Math.max(run.peak, h.pm10);
    } else run = { start: h.at, last: h.at, peak: h.pm10, n: 1 };
  }
  const current = run as { last: number } | null;
  closeRun(current && current.last + HOUR < window.now - HOUR ? current.last + HOUR : null);
  // Offline: gaps between expected hourly values, from the window start to now.
  let prev = window.from - HOUR;
  for (const h of [...sorted, { at: Math.floor(window.now / HOUR) * HOUR, pm10: Number.NaN }]) {
    const gap = (h.at - prev) / HOUR - 1;
    if (gap >= rule.offlineHours) {
      const ongoing = Number.isNaN(h.pm10);
      out.push({ kind: 'offline', startAt: prev + HOUR, endAt: ongoing ? null : h.at, peak: gap });
    }
    prev = h.at;
  }
  return out.sort((a, b) => a.startAt - b.startAt || a.kind.localeCompare(b.kind));
}
