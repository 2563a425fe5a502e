/**
 * Importing remote-sensing, black-smoke and roadside-check records from a table (.csv or .xlsx,
 * docs/mobile-sources.md): all or nothing, every bad row listed with its number, column and a
 * stable code (LT_ERR_IMPORT_REJECTED). Each row names a registered device; a county imports only
 * for its own devices. Rows repeating a record id a device already has are skipped.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Progress } from '../imports/progress.ts';
import type { Db } from '../store/db.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import type { RoadsideConfig } from './roadside-config.ts';
import { recordByExternalId } from './roadside-repo.ts';
import { visibleDevices } from './roadside-scope.ts';
import { readRoadsideTable, RECORD_COLUMNS as C, RECORD_REQUIRED } from './roadside-sheets.ts';
import { storeRecord } from './record-store.ts';
import { checkRecord, type ValidRecord } from './rules/record-input.ts';

/** What an import did. */
export interface RecordImportResult {
  rows: number;
  created: number;
  duplicates: number;
  failed: number;
}

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  time: C.time,
  plate: C.plate,
  plateColour: C.colour,
  vin: C.vin,
  CO: C.co,
  HC: C.hc,
  NO: C.no,
  opacity: C.opacity,
  ringelmann: C.ringelmann,
  verdict: C.verdict,
  recordId: C.recordId,
  place: C.place,
  values: C.co,
};

/** Imports the records of a table, or none of them. */
export async function importRecords(
  db: Db,
  clock: Clock,
  config: RoadsideConfig,
  sheets: TasksConfig,
  p: Principal,
  who: ActorContext,
  filename: string,
  data: Uint8Array,
  progress?: Progress,
): Promise<RecordImportResult> {
  const { rows, issues } = await readRoadsideTable(
    filename,
    data,
    '监测记录',
    RECORD_REQUIRED,
    sheets,
  );
  const devices = new Map((await visibleDevices(db, p)).map((d) => [d.code, d]));
  const now = clock.now();
  const accepted: Array<{ deviceId: number; record: ValidRecord; photos: string[] }> = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const device = devices.get(cells[C.device] ?? '');
    if (!device) {
      issues.push({
        row,
        column: C.device,
        code: 'LT_ERR_ROADSIDE_DEVICE_NOT_FOUND',
        detail: `"${cells[C.device] ?? ''}" 未登记或不在本辖区`,
      });
      continue;
    }
    const check = checkRecord(
      {
        recordId: cells[C.recordId],
        time: cells[C.time] ?? '',
        place: cells[C.place],
        plate: cells[C.plate] ?? '',
        plateColour: cells[C.colour] ?? '',
        vin: cells[C.vin],
        values: {
          CO: cells[C.co],
          HC: cells[C.hc],
          NO: cells[C.no],
          opacity: cells[C.opacity],
          ringelmann: cells[C.ringelmann],
        },
        verdict: cells[C.verdict],
      },
      now,
      config.maxAheadMs,
    );
    if (!check.ok) {
      issues.push({
        row,
        column: FIELD_COLUMNS[check.problem.field] ?? null,
        code: check.code,
        detail: check.problem.detail,
      });
      continue;
    }
    const id = check.record.recordId;
    if (id !== null) {
      const key = `${device.id}\u0000${id}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push({
          row,
          column: C.recordId,
          code: 'LT_ERR_ROADSIDE_BAD_RECORD',
          detail: `与第 ${first} 行记录编号相同`,
        });
        continue;
      }
      seen.set(key, row);
    }
    const photos = (cells[C.photos] ?? '')
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    accepted.push({ deviceId: device.id, record: check.record, photos });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.row - b.row);
    throw new LantianError('LT_ERR_IMPORT_REJECTED', `${filename}：${issues.length} 行有问题`, {
      issues: issues.slice(0, 200),
    });
  }
  return db.kysely.transaction().execute(async (trx) => {
    let created = 0;
    let failed = 0;
    progress?.start('导入监测记录', accepted.length);
    for (const a of accepted) {
      progress?.tick(1);
      if (
        a.record.recordId !== null &&
        (await recordByExternalId(trx, a.deviceId, a.record.recordId))
      )
        continue;
      const s = await storeRecord(trx, a.deviceId, 'import', a.record, a.photos, config.rules, now);
      created++;
      if (s.failing.length > 0) failed++;
    }
    progress?.stop();
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'roadside.records.import',
      target: `file:${filename}`,
      detail: { rows: accepted.length, created, failed },
    });
    return { rows: accepted.length, created, duplicates: accepted.length - created, failed };
  });
}
