/**
 * Importing LDAR rounds from the bureau's table (.xlsx or .csv): all or nothing, every bad row
 * listed with its number and a stable code. An .xlsx is unpacked and parsed in a child process
 * within the limits of the key-task sheets (src/tasks/sheet-thread.ts, xlsx-guard.ts). Each row
 * names its enterprise; an enterprise account may import only its own rows. A round already
 * stored (same enterprise, year and round) is replaced, so importing a file again changes nothing.
 */
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { parseCsvLine } from '../../imports/csv-line.ts';
import { isLantianError, LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import type { TableRow } from '../../tasks/sheet-read.ts';
import type { TasksConfig } from '../../tasks/task-config.ts';
import {
  csvUploadLines,
  readUploadedTable,
  type UploadedTable,
} from '../../tasks/uploaded-table.ts';
import { writableEnterprise, type EnterpriseRef } from '../power/enterprise-ref.ts';
import { findRound, saveRound, type RoundColumns } from './ldar-repo.ts';
import { roundColumns } from './ldar-service.ts';
import { LDAR_REQUIRED, sheetRound } from './ldar-sheet.ts';

/** A problem of one row. */
interface Issue {
  row: number;
  column: string | null;
  code: string;
  detail: string;
}

/** What an import did. */
export interface LdarImportResult {
  rows: number;
  created: number;
  updated: number;
}

const ANCHOR = '统一社会信用代码';

function csvTable(filename: string, data: Uint8Array): UploadedTable {
  const lines = csvUploadLines(filename, data);
  const head = parseCsvLine(lines[0] ?? '');
  const titles = head.ok ? head.fields.map((f) => f.trim()) : [];
  const missing = LDAR_REQUIRED.filter((t) => !titles.includes(t));
  if (missing.length > 0)
    throw new LantianError('LT_ERR_CSV_HEADER', `${filename}：缺少列 ${missing.join('、')}`);
  const table: TableRow[] = [];
  const issues: Issue[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const p = parseCsvLine(line);
    if (!p.ok || p.fields.length < titles.length) {
      issues.push({
        row: i + 2,
        column: null,
        code: 'LT_ERR_CSV_ROW',
        detail: '列数不对或引号未闭合',
      });
      return;
    }
    table.push({ row: i + 2, cells: Object.fromEntries(titles.map((t, j) => [t, p.fields[j]!])) });
  });
  return { rows: table, issues };
}

/** Imports the rounds of a table, or none of them. */
export async function importLdar(
  db: Db,
  clock: Clock,
  sheets: TasksConfig,
  p: Principal,
  who: ActorContext,
  filename: string,
  data: Uint8Array,
): Promise<LdarImportResult> {
  const { rows: table, issues } = await readUploadedTable(
    filename,
    data,
    { name: 'LDAR', required: LDAR_REQUIRED, anchor: ANCHOR },
    sheets,
    csvTable,
  );
  const enterprises = new Map<string, EnterpriseRef | LantianError>();
  const accepted: Array<{ e: EnterpriseRef; cols: RoundColumns }> = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table) {
    const issue = (column: string | null, code: string, detail: string) =>
      issues.push({ row, column, code, detail });
    const s = sheetRound(cells);
    if (!s.ok) {
      issue(s.column, 'LT_ERR_BAD_LDAR_ROUND', s.detail);
      continue;
    }
    if (!enterprises.has(s.creditCode))
      enterprises.set(
        s.creditCode,
        await writableEnterprise(db, p, s.creditCode, true).catch((e: unknown) => {
          if (isLantianError(e)) return e;
          throw e;
        }),
      );
    const e = enterprises.get(s.creditCode)!;
    if (e instanceof LantianError) {
      issue(ANCHOR, e.code, e.message);
      continue;
    }
    let cols: RoundColumns;
    try {
      cols = roundColumns(s.input);
    } catch (err) {
      if (!isLantianError(err)) throw err;
      issue(null, err.code, err.message);
      continue;
    }
    const key = `${e.id}:${cols.year}:${cols.round}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issue('轮次', 'LT_ERR_BAD_LDAR_ROUND', `与第 ${first} 行是同一企业同一年度的同一轮次`);
      continue;
    }
    seen.set(key, row);
    accepted.push({ e, cols });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.row - b.row);
    throw new LantianError('LT_ERR_IMPORT_REJECTED', `${filename}：${issues.length} 行有问题`, {
      issues: issues.slice(0, 200),
    });
  }
  const now = clock.now();
  return db.kysely.transaction().execute(async (trx) => {
    let created = 0;
    for (const { e, cols } of accepted) {
      if (!(await findRound(trx, e.id, cols.year, cols.round))) created++;
      await saveRound(trx, e.id, cols, now);
    }
    await recordAudit(trx, now, {
      actor: who.actor,
      ip: who.ip ?? null,
      action: 'ldar.import',
      target: `file:${filename}`,
      detail: {
        rows: accepted.length,
        created,
        rounds: accepted.map((a) => `${a.e.credit_code}/${a.cols.year}-${a.cols.round}`),
      },
    });
    return { rows: accepted.length, created, updated: accepted.length - created };
  });
}
