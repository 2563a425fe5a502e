/**
 * Importing dust sources from a table (.xlsx or .csv), all or nothing. Columns (Chinese titles):
 * 编号, 名称, 类型, 工程类型, 责任单位, 责任部门, 行政区划代码, 经度, 纬度, 开工日期, 完工日期, and
 * optionally one column per 8-standard item named as the item (是/否). Types and construction
 * types are given in Chinese (施工工地, 道路 …; 房建, 市政 …). Importing the same file again changes
 * nothing (sources are replaced by code).
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { isLantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { assertRegionWrite } from './dust-scope.ts';
import { eightStandards } from './eight-standards.ts';
import { DustSourceInput } from './schema.ts';
import { saveSource, type DustSourceColumns } from './source-repo.ts';
import { sourceColumns } from './source-service.ts';
import { readDustTable, rejectIssues, type RowIssue } from './table-upload.ts';

/** Chinese names of the source kinds and construction types. */
export const KIND_NAMES: Readonly<Record<string, string>> = {
  construction: '施工工地',
  road: '道路',
  yard: '物料堆场',
  bare_land: '裸露地面',
  mine: '露天矿山',
};
export const CONSTRUCTION_NAMES: Readonly<Record<string, string>> = {
  building: '房建',
  municipal: '市政',
  road: '公路',
  rail: '铁路',
  water: '水利',
  demolition: '拆除',
};

const REQUIRED = ['编号', '名称', '类型', '责任单位', '责任部门', '行政区划代码', '经度', '纬度'];
const byName = (m: Readonly<Record<string, string>>, v: string) =>
  Object.entries(m).find(([k, n]) => n === v || k === v)?.[0] ?? v;
const yesNo = (v: string | undefined) =>
  v === undefined || v === ''
    ? null
    : ['是', '1', 'true', '√', 'Y', 'y'].includes(v)
      ? true
      : false;

/** Imports the sources of a table; answers the counts. */
export async function importSources(
  db: Db,
  clock: Clock,
  sheets: TasksConfig,
  p: Principal,
  who: ActorContext,
  filename: string,
  data: Uint8Array,
): Promise<{ rows: number; created: number; updated: number }> {
  const { rows, issues } = await readDustTable(filename, data, '扬尘源', REQUIRED, sheets);
  const all: RowIssue[] = [...issues];
  const accepted: DustSourceColumns[] = [];
  const seen = new Map<string, number>();
  const items = eightStandards().items;
  for (const { row, cells } of rows) {
    const c = (t: string) => cells[t] ?? '';
    const parsed = DustSourceInput.safeParse({
      code: c('编号'),
      name: c('名称'),
      kind: byName(KIND_NAMES, c('类型')),
      constructionType: c('工程类型') ? byName(CONSTRUCTION_NAMES, c('工程类型')) : null,
      owner: c('责任单位'),
      department: c('责任部门'),
      regionAdcode: c('行政区划代码'),
      lon: Number(c('经度')),
      lat: Number(c('纬度')),
      startDate: c('开工日期') || null,
      endDate: c('完工日期') || null,
      checklist: Object.fromEntries(
        items.filter((i) => cells[i.name] !== undefined).map((i) => [i.key, yesNo(cells[i.name])]),
      ),
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      all.push({
        row,
        column: String(i.path[0] ?? ''),
        code: 'LT_ERR_DUST_BAD_SOURCE',
        detail: i.message,
      });
      continue;
    }
    try {
      const cols = await sourceColumns(db, parsed.data);
      await assertRegionWrite(db, p, cols.region_adcode);
      const first = seen.get(cols.code);
      if (first !== undefined) {
        all.push({
          row,
          column: '编号',
          code: 'LT_ERR_DUST_BAD_SOURCE',
          detail: `与第 ${first} 行编号相同`,
        });
        continue;
      }
      seen.set(cols.code, row);
      accepted.push(cols);
    } catch (e) {
      if (!isLantianError(e)) throw e;
      all.push({ row, column: null, code: e.code, detail: e.message });
    }
  }
  rejectIssues(filename, all);
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    let created = 0;
    for (const cols of accepted) if (await saveSource(trx, cols, now)) created++;
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'dust.source.import',
      target: `file:${filename}`,
      detail: { rows: accepted.length, created, codes: accepted.map((a) => a.code) },
    });
    return { rows: accepted.length, created, updated: accepted.length - created };
  });
}
