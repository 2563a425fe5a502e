/**
 * Layout of the raw archive (pure): one directory per local date, one file per local hour,
 * `<dir>/YYYY-MM-DD/HH.log`; one line per frame:
 *
 *   <received, ISO 8601 local with ms and offset> TAB <peer> TAB <MN or -> TAB <ok | reason> TAB <escaped bytes>
 *
 * The escaped bytes (raw-escape.ts) give back exactly what arrived on the socket.
 */
import { offsetMinutes } from '../../time/zoned-time.ts';
import { formatLocalDate, HOUR_MS } from '../../standards/local-date.ts';

/** Local date and hour of an instant, and the start of that hour. */
export interface ArchiveHour {
  date: string;
  hour: string;
  /** Start of the local hour, UTC epoch ms. */
  start: number;
}

/** The archive hour containing `at` in `timeZone`. */
export function archiveHour(timeZone: string, at: number): ArchiveHour {
  const off = offsetMinutes(timeZone, at) * 60_000;
  const local = new Date(at + off);
  const start = at - ((((at + off) % HOUR_MS) + HOUR_MS) % HOUR_MS);
  return {
    date: formatLocalDate(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate()),
    hour: String(local.getUTCHours()).padStart(2, '0'),
    start,
  };
}

/** Relative path of an hour's file. */
export function archivePath(h: ArchiveHour): string {
  return `${h.date}/${h.hour}.log`;
}

/** ISO 8601 local time with milliseconds and offset, e.g. 2024-05-01T08:00:00.123+08:00. */
export function archiveTime(timeZone: string, at: number): string {
  const offMin = offsetMinutes(timeZone, at);
  const t = new Date(at + offMin * 60_000).toISOString().slice(0, 23);
  const a = Math.abs(offMin);
  const sign = offMin >= 0 ? '+' : '-';
  return `${t}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** One parsed archive line. */
export interface ArchiveLine {
  at: number;
  time: string;
  peer: string;
  mn: string | null;
  status: string;
  /** Escaped bytes as stored. */
  raw: string;
}

/** Parses one archive line, or undefined when it is not one. */
export function parseArchiveLine(line: string): ArchiveLine | undefined {
  const parts = line.split('\t');
  if (parts.length !== 5) return undefined;
  const [time, peer, mn, status, raw] = parts as [string, string, string, string, string];
  const at = Date.parse(time);
  if (!Number.isFinite(at)) return undefined;
  return { at, time, peer, mn: mn === '-' ? null : mn, status, raw };
}

/** Archive hours from `from` to `to` (epoch ms, inclusive of the hour containing `to`). */
export function hoursBetween(timeZone: string, from: number, to: number): ArchiveHour[] {
  const out: ArchiveHour[] = [];
  for (let t = archiveHour(timeZone, from).start; t <= to; t += HOUR_MS)
    out.push(archiveHour(timeZone, t));
  return out;
}
