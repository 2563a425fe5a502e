/**
 * The day sums (rules/compliance.ts, DaySummary) of every outlet-pollutant of recent months, kept
 * per store so that a compliance page over hundreds of enterprises is a refresh, not a re-read of
 * a month of hours (docs/sources.md, CEMS and compliance; bench/sources-compliance.ts). A refresh
 * asks cems_hours what was written since the last one (its updated_at index; the projector writes
 * a round in one transaction) and forgets those outlet-days; whatever is missing, or was judged
 * against another limit than the outlet's present one, is read again (one key range per
 * outlet-pollutant and run of days) and judged — on SQLite by SQLite, which returns a row per
 * day instead of every hour (cems-repo.ts, sqliteDaySums).
 */
import { DAY_MS } from '../../standards/local-date.ts';
import type { Db } from '../../store/db.ts';
import {
  forEachHour,
  hoursChangedSince,
  newestHourUpdate,
  sqliteDaySums,
  type HourRange,
} from './cems-repo.ts';
import type { MonthSpan } from './month-compliance.ts';
import type { OutletJudging } from './outlet-judging.ts';
import { addHour, emptyDay, type DaySummary } from './rules/compliance.ts';
import { judgeHour } from './rules/hour-judgement.ts';
import type { ResolvedLimit } from './rules/limits.ts';

/** Months kept per store. */
const MONTHS_KEPT = 3;

/** The sums of one outlet-pollutant over one month, with the limit they were judged by. */
interface Entry {
  limitKey: string;
  days: Array<DaySummary | undefined>;
  /** Days to read again (written since they were summed). */
  stale: Set<number>;
}

interface MonthSums {
  span: MonthSpan;
  /** `${outletId}|${pollutant}` → sums. */
  entries: Map<string, Entry>;
}

const limitKey = (l: ResolvedLimit): string => `${l.limit}|${l.refO2}`;

/** The cache of one store. */
export class ComplianceCache {
  private readonly months = new Map<string, MonthSums>();
  private watermark: number | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Db) {}

  /**
   * The day sums of each limited pollutant of each outlet over the month, keyed
   * `${outletId}|${pollutant}` (the span's `hours` may differ between calls; sums do not).
   */
  sums(
    outlets: ReadonlyMap<number, OutletJudging>,
    span: MonthSpan,
  ): Promise<Map<string, Array<DaySummary | undefined>>> {
    // One at a time: a second caller must not read sums the first is still filling.
    const run = this.busy.then(() => this.sumsNow(outlets, span));
    this.busy = run.catch(() => undefined);
    return run;
  }

  private async sumsNow(
    outlets: ReadonlyMap<number, OutletJudging>,
    span: MonthSpan,
  ): Promise<Map<string, Array<DaySummary | undefined>>> {
    await this.refresh();
    let month = this.months.get(span.month);
    if (month === undefined) {
      month = { span, entries: new Map() };
      this.months.set(span.month, month);
      if (this.months.size > MONTHS_KEPT) this.months.delete(this.months.keys().next().value!);
    }
    const ranges: HourRange[] = [];
    for (const [id, o] of outlets) {
      for (const p of o.limited()) ranges.push(...this.toRead(month, id, p, o.limitOf(p)));
    }
    await this.read(month, outlets, ranges);
    const out = new Map<string, Array<DaySummary | undefined>>();
    for (const [id, o] of outlets)
      for (const p of o.limited()) out.set(`${id}|${p}`, month.entries.get(`${id}|${p}`)!.days);
    return out;
  }

  /** Marks the outlet-days written since the last refresh for reading again. */
  private async refresh(): Promise<void> {
    if (this.watermark === null) {
      this.watermark = await newestHourUpdate(this.db);
      return;
    }
    const { rows, newest } = await hoursChangedSince(this.db, this.watermark);
    for (const r of rows) {
      for (const m of this.months.values()) {
        if (r.hour < m.span.from || r.hour >= m.span.to) continue;
        m.entries
          .get(`${r.outlet_id}|${r.pollutant}`)
          ?.stale.add(Math.floor((r.hour - m.span.from) / DAY_MS));
      }
    }
    this.watermark = newest;
  }

  /** The ranges of one outlet-pollutant to read: all of the month, or its stale days. */
  private toRead(month: MonthSums, id: number, p: string, limit: ResolvedLimit): HourRange[] {
    const key = `${id}|${p}`;
    const e = month.entries.get(key);
    const { from, to, days } = month.span;
    if (e === undefined || e.limitKey !== limitKey(limit)) {
      month.entries.set(key, {
        limitKey: limitKey(limit),
        days: new Array<DaySummary | undefined>(days.length),
        stale: new Set(),
      });
      return [{ outletId: id, pollutant: p, from, to }];
    }
    const out: HourRange[] = [];
    for (const i of e.stale) {
      e.days[i] = undefined;
      out.push({
        outletId: id,
        pollutant: p,
        from: from + i * DAY_MS,
        to: from + (i + 1) * DAY_MS,
      });
    }
    e.stale.clear();
    return out;
  }

  private async read(
    month: MonthSums,
    outlets: ReadonlyMap<number, OutletJudging>,
    ranges: readonly HourRange[],
  ): Promise<void> {
    const dayIndex = new Map(month.span.days.map((d, i) => [d, i]));
    const daysOf = (r: HourRange) => month.entries.get(`${r.outletId}|${r.pollutant}`)!.days;
    if (this.db.sqlite !== undefined) {
      const judged = ranges.map((r) => ({
        ...r,
        ...pick(outlets.get(r.outletId)!.limitOf(r.pollutant)),
      }));
      sqliteDaySums(this.db, judged, (r, d) => {
        const i = dayIndex.get(d.day);
        if (i === undefined) return;
        daysOf(r)[i] = {
          hours: d.hours,
          valid: d.valid,
          invalid: d.hours - d.valid,
          over: d.over,
          sum: d.sum,
          cou: d.cou,
        };
      });
      return;
    }
    await forEachHour(this.db, ranges, (r, h) => {
      const limit = outlets.get(r.outletId)!.limitOf(r.pollutant);
      const i = dayIndex.get(h.day);
      if (i === undefined) return;
      const days = daysOf(r);
      addHour((days[i] ??= emptyDay()), { cou: h.cou, ...judgeHour(h, limit.limit, limit.refO2) });
    });
  }
}

function pick(l: ResolvedLimit): { limit: number | null; refO2: number | null } {
  return { limit: l.limit, refO2: l.refO2 };
}

const caches = new WeakMap<Db, ComplianceCache>();

/** The cache of a store. */
export function complianceCacheOf(db: Db): ComplianceCache {
  let c = caches.get(db);
  if (c === undefined) caches.set(db, (c = new ComplianceCache(db)));
  return c;
}
