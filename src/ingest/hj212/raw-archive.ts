/**
 * The raw archive: every frame received, accepted or not, appended to hourly files so that a
 * disputed value can be traced to its bytes (layout: archive-layout.ts). Writes are buffered
 * (a 1 MiB buffer flushed every `flushMs` or when full) and appended by the thread pool, off the
 * event loop. The archive is forensic, not the record of acknowledged data: a crash may lose
 * its last `flushMs` of lines, and if the disk cannot keep up (more than `maxPendingBytes`
 * waiting) lines are dropped and counted rather than memory growing without bound. Day
 * directories older than `retentionDays` are deleted hourly.
 *
 * Rejected frames can come from anyone, so their lines are bounded: at most
 * `rejectedBytesPerHour` bytes of them per hour (the caller also samples them per address,
 * reject-sampler.ts), and when the whole archive exceeds `maxBytes` the oldest day directories
 * are deleted (checked every `capCheckMs`); if the current day alone exceeds it, rejected lines
 * are dropped until the next day. Lines of accepted packets are always written (their volume is
 * bounded by the registered devices and their rate limit). Dropped lines are counted
 * (`droppedByCap`).
 */
import { appendFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveHour, archivePath, archiveTime, type ArchiveHour } from './archive-layout.ts';
import { escapeRawInto, maxEscapedLength } from './raw-escape.ts';
import { addDays } from '../../standards/local-date.ts';

/** Archive settings. */
export interface RawArchiveOptions {
  readonly dir: string;
  /** Days to keep; 0 keeps everything. */
  readonly retentionDays: number;
  readonly timeZone?: string;
  readonly flushMs?: number;
  readonly maxPendingBytes?: number;
  /** Size of the whole archive directory; 0 = no cap. */
  readonly maxBytes?: number;
  /** Bytes of lines of rejected frames per hour; 0 = no cap. */
  readonly rejectedBytesPerHour?: number;
  /** How often the size cap is checked; default 60 000 ms. */
  readonly capCheckMs?: number;
}

const BUFFER_BYTES = 1 << 20;
const SAFE_MN = /^[\w-]{1,32}$/;

/** Appends frames to the hourly archive files. */
export class RawArchive {
  lines = 0;
  bytes = 0;
  dropped = 0;
  /** Lines of rejected frames not written because of the hourly budget or the size cap. */
  droppedByCap = 0;
  /** Size of the archive directory (scanned at start, then counted). */
  diskBytes = 0;
  /** Day directories deleted to stay under the size cap. */
  daysDeletedByCap = 0;
  errors = 0;
  lastError: string | null = null;
  private readonly tz: string;
  private buf = Buffer.allocUnsafe(BUFFER_BYTES);
  private off = 0;
  private hour: ArchiveHour | null = null;
  private readonly sealed: Array<{ path: string; data: Buffer }> = [];
  private pendingBytes = 0;
  private writing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  private capTimer: NodeJS.Timeout | null = null;
  private rejectedThisHour = 0;
  private overCap = false;
  private readonly madeDirs = new Set<string>();
  private secondKey = -1;
  private secondText = '';

  constructor(
    private readonly opts: RawArchiveOptions,
    private readonly now: () => number,
  ) {
    this.tz = opts.timeZone ?? 'Asia/Shanghai';
  }

  /** Starts the flush and retention timers (and applies retention once). */
  start(): void {
    this.timer = setInterval(() => void this.flush(), this.opts.flushMs ?? 200);
    this.timer.unref();
    if (this.opts.retentionDays > 0) {
      void this.applyRetention();
      this.retentionTimer = setInterval(() => void this.applyRetention(), 3_600_000);
      this.retentionTimer.unref();
    }
    void this.applySizeCap();
    this.capTimer = setInterval(() => void this.applySizeCap(), this.opts.capCheckMs ?? 60_000);
    this.capTimer.unref();
  }

  /** Appends one frame's line. `mn` is shown only when it looks like an MN. */
  append(
    at: number,
    peer: string,
    mn: string | null | undefined,
    status: string,
    raw: Uint8Array,
  ): void {
    if (this.hour === null || at < this.hour.start || at >= this.hour.start + 3_600_000) {
      this.seal();
      this.hour = archiveHour(this.tz, at);
      this.rejectedThisHour = 0;
    }
    const need = 96 + peer.length + 40 + status.length + maxEscapedLength(raw.length);
    if (status !== 'ok') {
      const budget = this.opts.rejectedBytesPerHour ?? 0;
      if (this.overCap || (budget > 0 && this.rejectedThisHour + need > budget)) {
        this.droppedByCap++;
        return;
      }
    }
    if (this.pendingBytes + this.off + need > (this.opts.maxPendingBytes ?? 64 << 20)) {
      this.dropped++;
      return;
    }
    if (this.off + need > this.buf.length) {
      this.seal();
      if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    }
    const b = this.buf;
    let o = this.off;
    o += b.write(this.time(at), o, 'latin1');
    b[o++] = 9;
    o += b.write(peer, o, 'latin1');
    b[o++] = 9;
    o += b.write(mn && SAFE_MN.test(mn) ? mn : '-', o, 'latin1');
    b[o++] = 9;
    o += b.write(status, o, 'latin1');
    b[o++] = 9;
    o = escapeRawInto(b, o, raw);
    b[o++] = 10;
    if (status !== 'ok') this.rejectedThisHour += o - this.off;
    this.bytes += o - this.off;
    this.off = o;
    this.lines++;
  }

  /** Writes everything buffered so far; resolves when it is on disk (page cache). */
  async flush(): Promise<void> {
    this.seal();
    while (this.writing !== null) await this.writing;
    if (this.sealed.length === 0) return;
    this.writing = this.writeSealed().finally(() => {
      this.writing = null;
    });
    await this.writing;
  }

  /** Flushes and stops the timers. */
  async close(): Promise<void> {
    if (this.timer !== null) clearInterval(this.timer);
    if (this.retentionTimer !== null) clearInterval(this.retentionTimer);
    if (this.capTimer !== null) clearInterval(this.capTimer);
    await this.flush();
  }

  /**
   * Measures the archive directory and, above `maxBytes`, deletes the oldest day directories
   * (never the current one); returns how many were deleted.
   */
  async applySizeCap(): Promise<number> {
    const days = await this.days();
    this.diskBytes = days.reduce((n, d) => n + d.bytes, 0);
    const max = this.opts.maxBytes ?? 0;
    if (max <= 0) return 0;
    const today = archiveHour(this.tz, this.now()).date;
    let removed = 0;
    for (const d of days) {
      if (this.diskBytes <= max || d.name >= today) break;
      await rm(join(this.opts.dir, d.name), { recursive: true, force: true });
      this.madeDirs.delete(d.name);
      this.diskBytes -= d.bytes;
      removed++;
    }
    this.daysDeletedByCap += removed;
    this.overCap = this.diskBytes > max;
    return removed;
  }

  /** Day directories, oldest first, with their sizes. */
  private async days(): Promise<Array<{ name: string; bytes: number }>> {
    let names: string[];
    try {
      names = (await readdir(this.opts.dir)).filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n)).sort();
    } catch {
      return [];
    }
    const out = [];
    for (const name of names) {
      let bytes = 0;
      try {
        for (const f of await readdir(join(this.opts.dir, name))) {
          bytes += (await stat(join(this.opts.dir, name, f))).size;
        }
      } catch {
        // removed meanwhile
      }
      out.push({ name, bytes });
    }
    return out;
  }

  /** Deletes day directories older than the retention period. */
  async applyRetention(): Promise<number> {
    if (this.opts.retentionDays <= 0) return 0;
    const oldest = addDays(archiveHour(this.tz, this.now()).date, -this.opts.retentionDays);
    let removed = 0;
    let names: string[];
    try {
      names = await readdir(this.opts.dir);
    } catch {
      return 0;
    }
    for (const name of names) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(name) || name >= oldest) continue;
      await rm(join(this.opts.dir, name), { recursive: true, force: true });
      this.madeDirs.delete(name);
      removed++;
    }
    return removed;
  }

  private time(at: number): string {
    const second = Math.floor(at / 1000);
    if (second !== this.secondKey) {
      this.secondKey = second;
      this.secondText = archiveTime(this.tz, second * 1000);
    }
    // "YYYY-MM-DDTHH:MM:SS.000+08:00": splice the milliseconds into the cached second.
    const ms = String(at - second * 1000).padStart(3, '0');
    return this.secondText.slice(0, 20) + ms + this.secondText.slice(23);
  }

  private seal(): void {
    if (this.off === 0 || this.hour === null) return;
    const data = Buffer.from(this.buf.subarray(0, this.off));
    this.sealed.push({ path: archivePath(this.hour), data });
    this.pendingBytes += data.length;
    this.off = 0;
  }

  private async writeSealed(): Promise<void> {
    while (this.sealed.length > 0) {
      const { path, data } = this.sealed.shift()!;
      try {
        const day = path.slice(0, 10);
        if (!this.madeDirs.has(day)) {
          await mkdir(join(this.opts.dir, day), { recursive: true });
          this.madeDirs.add(day);
        }
        await appendFile(join(this.opts.dir, path), data);
        this.diskBytes += data.length;
        const max = this.opts.maxBytes ?? 0;
        if (max > 0 && this.diskBytes > max) this.overCap = true;
      } catch (e) {
        this.errors++;
        this.lastError = (e as Error).message;
      } finally {
        this.pendingBytes -= data.length;
      }
    }
  }
}
