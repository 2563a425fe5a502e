/**
 * Projects HJ 212 uploads of outlet devices into cems_hours (docs/sources.md, CEMS and
 * compliance). The listener tells the projector which device-hours a committed batch touched
 * (`note`, on the socket path: it only remembers them); every few seconds the projector reads
 * those hours back from device_values and writes their cems_hours rows (rules/hour-projection.ts).
 * An hour with an hourly upload (CN 2061) is written at once; an hour built from minute uploads
 * (CN 2051) waits until it has ended. Projecting is idempotent: it reads what is stored, so a
 * re-sent packet or a run over a range (`projectRange`, the CLI) writes the same rows.
 */
import type { Clock } from '../../clock.ts';
import { HOUR_MS } from '../../standards/local-date.ts';
import type { Db } from '../../store/db.ts';
import { epochToLocalDate } from '../../time/zoned-time.ts';
import type { CemsConfig } from './cems-config.ts';
import { hourUploads, outletDevices, upsertCemsHours, type NewCemsHour } from './cems-repo.ts';
import { outletJudging, type OutletJudging } from './outlet-judging.ts';
import { CN_HOUR, CN_MINUTE, hasHourly, projectHour } from './rules/hour-projection.ts';

/** Local calendar of cems_hours.day (src/sources/tables.ts). */
const CALENDAR_ZONE = 'Asia/Shanghai';
/** After an hour's end, wait this long for its last minute uploads. */
const MINUTE_GRACE_MS = 120_000;

/** Columns of a committed batch (src/ingest/hj212/ingest-sink.ts, CommittedValues). */
interface CommittedValues {
  readonly n: number;
  readonly deviceId: readonly number[];
  readonly cn: readonly number[];
  readonly dataTime: readonly number[];
}

/** What a projection round did. */
export interface ProjectionResult {
  hours: number;
  rows: number;
  /** Minute-built hours not yet ended, kept for a later round. */
  waiting: number;
}

/** The cems_hours rows of one device-hour; null when the hour must wait for its end. */
async function deviceHourRows(
  db: Db,
  config: CemsConfig,
  judging: OutletJudging,
  deviceId: number,
  hour: number,
  now: number,
): Promise<NewCemsHour[] | null> {
  const values = await hourUploads(db, deviceId, hour);
  if (values.length === 0) return [];
  if (!hasHourly(values) && hour + HOUR_MS + MINUTE_GRACE_MS > now) return null;
  const day = epochToLocalDate(CALENDAR_ZONE, hour);
  return projectHour(values, (p) => judging.limitOf(p).refO2, config.flags).map((r) => ({
    ...r,
    outlet_id: judging.outlet.id,
    hour,
    day,
    updated_at: now,
  }));
}

/**
 * Projects some device-hours now. Returns the device-hours that must wait (minute-built hours
 * not yet ended) beside the counts.
 */
export async function projectDeviceHours(
  db: Db,
  config: CemsConfig,
  pending: ReadonlyMap<number, ReadonlySet<number>>,
  now: number,
): Promise<ProjectionResult & { later: Map<number, Set<number>> }> {
  const devices = await outletDevices(db);
  const outletIds = [...pending.keys()].flatMap((d) => devices.get(d) ?? []);
  const judging = await outletJudging(db, config, [...new Set(outletIds)]);
  const later = new Map<number, Set<number>>();
  const rows: NewCemsHour[] = [];
  let hours = 0;
  let waiting = 0;
  for (const [deviceId, set] of pending) {
    const j = judging.get(devices.get(deviceId) ?? -1);
    if (j === undefined) continue; // not an outlet device
    for (const hour of set) {
      const r = await deviceHourRows(db, config, j, deviceId, hour, now);
      if (r === null) {
        waiting++;
        let w = later.get(deviceId);
        if (w === undefined) later.set(deviceId, (w = new Set()));
        w.add(hour);
        continue;
      }
      hours++;
      rows.push(...r);
    }
  }
  await upsertCemsHours(db, rows);
  return { hours, rows: rows.length, waiting, later };
}

/** Projects every hour in [from, to) of every outlet device (the CLI; a repair after a crash). */
export async function projectRange(
  db: Db,
  config: CemsConfig,
  from: number,
  to: number,
  now: number,
): Promise<ProjectionResult> {
  const start = Math.floor(from / HOUR_MS) * HOUR_MS;
  const hours = new Set<number>();
  for (let h = start; h < to; h += HOUR_MS) hours.add(h);
  const pending = new Map([...(await outletDevices(db)).keys()].map((d) => [d, hours]));
  const r = await projectDeviceHours(db, config, pending, now);
  return { hours: r.hours, rows: r.rows, waiting: r.waiting };
}

/** What the projector logs through. */
interface ProjectorLog {
  error(obj: object, msg: string): void;
}

/** The running projector of `serve`. */
export class CemsProjector {
  /** Device → hour → read at the next round (an hourly upload came) or once the hour ended. */
  private pending = new Map<number, Map<number, boolean>>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Rows written and failed rounds so far. */
  rows = 0;
  failures = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly config: CemsConfig,
    private readonly log: ProjectorLog,
  ) {}

  /** Remembers the hours of minute and hourly uploads of a committed batch (socket path). */
  note(v: CommittedValues): void {
    for (let i = 0; i < v.n; i++) {
      const cn = v.cn[i];
      if (cn !== CN_HOUR && cn !== CN_MINUTE) continue;
      this.mark(v.deviceId[i]!, Math.floor(v.dataTime[i]! / HOUR_MS) * HOUR_MS, cn === CN_HOUR);
    }
  }

  /** Marks the last `hours` hours of every outlet device for projection (after a start). */
  async catchUp(hours: number): Promise<void> {
    const end = Math.floor(this.clock.now() / HOUR_MS) * HOUR_MS;
    for (const id of (await outletDevices(this.db)).keys()) {
      for (let k = 0; k <= hours; k++) this.mark(id, end - k * HOUR_MS, true);
    }
  }

  /** `now`: read at the next round, else when the hour has ended. */
  private mark(deviceId: number, hour: number, now: boolean): void {
    let hours = this.pending.get(deviceId);
    if (hours === undefined) this.pending.set(deviceId, (hours = new Map()));
    if (now || !hours.has(hour)) hours.set(hour, now || hours.get(hour) === true);
  }

  /** Projects every `intervalMs`. */
  start(intervalMs: number): void {
    this.timer ??= setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  /** Projects what is ready now (hourly uploads, ended hours) and waits for it. */
  async flush(): Promise<void> {
    while (this.running !== null) await this.running;
    const now = this.clock.now();
    const work = this.ready(now);
    if (work.size === 0) return;
    this.running = (async () => {
      try {
        const r = await projectDeviceHours(this.db, this.config, work, now);
        this.rows += r.rows;
        this.merge(r.later);
      } catch (e) {
        this.failures++;
        // The store failed (PostgreSQL down): the same hours again at the next round.
        this.merge(work, true);
        this.log.error({ err: (e as Error).message }, 'CEMS 小时数据投影失败，稍后重试');
      }
    })().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  /** Takes the device-hours that can be projected now out of `pending`. */
  private ready(now: number): Map<number, Set<number>> {
    const work = new Map<number, Set<number>>();
    for (const [id, hours] of this.pending) {
      for (const [hour, hourly] of hours) {
        if (!hourly && hour + HOUR_MS + MINUTE_GRACE_MS > now) continue;
        hours.delete(hour);
        let set = work.get(id);
        if (set === undefined) work.set(id, (set = new Set()));
        set.add(hour);
      }
      if (hours.size === 0) this.pending.delete(id);
    }
    return work;
  }

  /** Stops the timer after a last round. */
  async stop(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private merge(from: ReadonlyMap<number, ReadonlySet<number>>, now = false): void {
    for (const [id, hours] of from) for (const h of hours) this.mark(id, h, now);
  }
}
