/**
 * Importing a month's dust-fall samples from the laboratory's table (.xlsx or .csv), all or
 * nothing. Columns: 采样点编号, 月份 (YYYY-MM), 样品质量g, 空白质量g, 集尘缸口面积cm2, 采样天数.
 */
import type { ActorContext } from '../audit/actor.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../store/db.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { checkedSamples, storeSamples } from './fall-service.ts';
import { readDustTable, rejectIssues } from './table-upload.ts';

const REQUIRED = ['采样点编号', '月份', '样品质量g', '空白质量g', '集尘缸口面积cm2', '采样天数'];

/** Imports the samples of a table; answers how many were stored. */
export async function importSamples(
  db: Db,
  clock: Clock,
  sheets: TasksConfig,
  p: Principal,
  who: ActorContext,
  filename: string,
  data: Uint8Array,
): Promise<number> {
  const { rows, issues } = await readDustTable(filename, data, '降尘', REQUIRED, sheets);
  const num = (s: string | undefined) =>
    s === undefined || s.trim() === '' ? Number.NaN : Number(s);
  const now = clock.now();
  const { ok, problems } = await checkedSamples(
    db,
    p,
    who.actor,
    now,
    rows.map(({ row, cells }) => ({
      row,
      point: cells['采样点编号'] ?? '',
      month: cells['月份'] ?? '',
      sampleG: num(cells['样品质量g']),
      blankG: num(cells['空白质量g']),
      areaCm2: num(cells['集尘缸口面积cm2']),
      days: num(cells['采样天数']),
    })),
  );
  rejectIssues(filename, [...issues, ...problems.map((x) => ({ ...x, column: null }))]);
  return storeSamples(db, who, now, ok, `file:${filename}`);
}
