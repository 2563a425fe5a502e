/**
 * Fires counted per unit per month (pure): each event counts once, in its county and in the
 * month of its first observation (rules/local-month.ts), by outcome; unanswered ones as open;
 * and how many were escalated for missing the deadline (plan 四.10 and 四(四) monthly reporting,
 * docs/dust-fires-reports.md § 露天焚烧).
 */

/** The columns of an event the counts use. */
export interface CountedEvent {
  county_adcode: string;
  month: string;
  status: string;
  outcome: string | null;
  escalated_at: number | null;
}

/** One unit's month. */
export interface MonthCount {
  county: string;
  month: string;
  events: number;
  burning: number;
  industrial: number;
  falseAlarm: number;
  open: number;
  escalated: number;
}

/** Counts by county and month, ordered by month then county. */
export function countByMonth(events: readonly CountedEvent[]): MonthCount[] {
  const by = new Map<string, MonthCount>();
  for (const e of events) {
    const key = `${e.month}|${e.county_adcode}`;
    let c = by.get(key);
    if (!c) {
      c = {
        county: e.county_adcode,
        month: e.month,
        events: 0,
        burning: 0,
        industrial: 0,
        falseAlarm: 0,
        open: 0,
        escalated: 0,
      };
      by.set(key, c);
    }
    c.events++;
    if (e.outcome === 'burning') c.burning++;
    else if (e.outcome === 'industrial') c.industrial++;
    else if (e.outcome === 'false_alarm') c.falseAlarm++;
    else c.open++;
    if (e.escalated_at !== null) c.escalated++;
  }
  return [...by.values()].sort(
    (a, b) => a.month.localeCompare(b.month) || a.county.localeCompare(b.county),
  );
}
