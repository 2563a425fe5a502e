/**
 * Finding frames in the raw archive (layout: archive-layout.ts): reads the hourly files that
 * cover a time range, line by line, and yields the lines that match an MN and a status.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { archivePath, hoursBetween, parseArchiveLine, type ArchiveLine } from './archive-layout.ts';

/** What to look for. */
export interface ArchiveQuery {
  dir: string;
  from: number;
  to: number;
  timeZone?: string;
  mn?: string;
  /** 'ok', 'rejected' (any reason) or one reason. */
  status?: string;
}

/** Archive lines in [from, to] matching the query, in file order (time order). */
export async function* searchArchive(q: ArchiveQuery): AsyncGenerator<ArchiveLine> {
  for (const h of hoursBetween(q.timeZone ?? 'Asia/Shanghai', q.from, q.to)) {
    const path = join(q.dir, archivePath(h));
    if (!existsSync(path)) continue;
    const lines = createInterface({
      input: createReadStream(path, { encoding: 'latin1' }),
      crlfDelay: Infinity,
    });
    for await (const text of lines) {
      const l = parseArchiveLine(text);
      if (l === undefined || l.at < q.from || l.at > q.to) continue;
      if (q.mn !== undefined && l.mn !== q.mn) continue;
      if (
        q.status === 'rejected'
          ? l.status === 'ok'
          : q.status !== undefined && l.status !== q.status
      )
        continue;
      yield l;
    }
  }
}
