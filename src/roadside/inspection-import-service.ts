/**
 * Importing inspection-station records (检验机构 检验记录; .csv or .xlsx, docs/mobile-sources.md):
 * all or nothing, bad rows listed by number and code. A row with the same station and serial
 * (检验流水号) as a stored one replaces it, so a file imported twice changes nothing.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { upsertInspections } from './roadside-repo.ts';
import {
  INSPECTION_COLUMNS as C,
  INSPECTION_REQUIRED,
  readRoadsideTable,
} from './roadside-sheets.ts';
import { parseRecordTime } from './rules/record-input.ts';
import { vehicleFields } from './rules/vehicle-fields.ts';

/** What an import did. */
export interface InspectionImportResult {
  rows: number;
  created: number;
  updated: number;
}

const RESULTS: Readonly<Record<string, number>> = { 合格: 1, 通过: 1, pass: 1, 不合格: 0, fail: 0 };
const COLUMN_OF: Readonly<Record<string, string>> = {
  plate: C.plate,
  plateColour: C.colour,
  vin: C.vin,
};

/** The instant of an inspection date ("YYYY-MM-DD", optionally with a time; Beijing time). */
function inspectionTime(s: string): number | null {
  return parseRecordTime(/^\d{4}-\d{1,2}-\d{1,2}$/.test(s.trim()) ? `${s.trim()} 00:00` : s);
}

/** Imports the inspections of a table, or none of them. */
export async function importInspections(
  db: Db,
  clock: Clock,
  sheets: TasksConfig,
  who: ActorContext,
  filename: string,
  data: Uint8Array,
): Promise<InspectionImportResult> {
  const { rows, issues } = await readRoadsideTable(
    filename,
    data,
    '检验记录',
    INSPECTION_REQUIRED,
    sheets,
  );
  const now = clock.now();
  const accepted: Parameters<typeof upsertInspections>[1] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const issue = (column: string, detail: string) =>
      issues.push({ row, column, code: 'LT_ERR_ROADSIDE_BAD_INSPECTION', detail });
    const v = vehicleFields(cells[C.plate] ?? '', cells[C.colour] ?? '', cells[C.vin]);
    if ('field' in v) {
      issue(COLUMN_OF[v.field] ?? C.plate, v.detail);
      continue;
    }
    const stationCode = (cells[C.stationCode] ?? '').trim();
    const stationName = (cells[C.stationName] ?? '').trim();
    const serial = (cells[C.serial] ?? '').trim();
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(stationCode)) {
      issue(C.stationCode, `"${stationCode}" 应为 1–32 位字母或数字`);
      continue;
    }
    if (stationName === '' || stationName.length > 100) {
      issue(C.stationName, '检验机构名称不能为空，且不超过 100 个字符');
      continue;
    }
    if (serial === '' || serial.length > 64) {
      issue(C.serial, '检验流水号不能为空，且不超过 64 个字符');
      continue;
    }
    const at = inspectionTime(cells[C.date] ?? '');
    if (at === null || at > now) {
      issue(C.date, `"${cells[C.date] ?? ''}" 不是有效的检验日期（YYYY-MM-DD，不晚于今天）`);
      continue;
    }
    const passed = RESULTS[(cells[C.result] ?? '').trim().toLowerCase()];
    if (passed === undefined) {
      issue(C.result, `"${cells[C.result] ?? ''}" 应为 合格 或 不合格`);
      continue;
    }
    const key = `${stationCode}\u0000${serial}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue(C.serial, `与第 ${first} 行是同一检验机构的同一流水号`);
      continue;
    }
    seen.set(key, row);
    accepted.push({
      plate: v.plate,
      plate_colour: v.plateColour,
      vin: v.vin,
      station_code: stationCode,
      station_name: stationName,
      serial,
      inspected_at: at,
      passed,
      created_at: now,
    });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.row - b.row);
    throw new LantianError('LT_ERR_IMPORT_REJECTED', `${filename}：${issues.length} 行有问题`, {
      issues: issues.slice(0, 200),
    });
  }
  return db.kysely.transaction().execute(async (trx) => {
    const created = await upsertInspections(trx, accepted);
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'roadside.inspections.import',
      target: `file:${filename}`,
      detail: { rows: accepted.length, created },
    });
    return { rows: accepted.length, created, updated: accepted.length - created };
  });
}
