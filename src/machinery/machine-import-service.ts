/**
 * Importing existing registrations, all or nothing (as the enterprise registry does): every row
 * is checked — fields (rules/machine-input.ts), its site, its county (registered, and within the
 * importer's scope), duplicate codes within the file, a code already registered in a county the
 * importer may not change — and any problem refuses the whole file with LT_ERR_IMPORT_REJECTED
 * listing row, column and a stable code; nothing is stored. A row whose code is registered
 * already updates that machine (importing an export again changes nothing but update times); a
 * row without a code gets one issued by Lantian.
 */
import type { ActorContext } from '../audit/actor.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { listRegions } from '../air/region-repo.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { LantianError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import type { UploadedTable } from '../tasks/uploaded-table.ts';
import { findMachineByCode, insertMachine, updateMachine } from './machine-repo.ts';
import { beijingYear, machineFields, nextIssuedCode } from './machine-service.ts';
import { machineryRegions } from './machinery-scope.ts';
import { sitesByIds } from './place-repo.ts';
import { checkMachine, type ValidMachine } from './rules/machine-input.ts';
import { columnOf, inputOfCells } from './rules/machine-sheet.ts';

/** A refused row. */
interface ImportIssue {
  row: number;
  column: string | null;
  code: string;
  detail: string;
}

interface CheckedRow {
  row: number;
  v: ValidMachine;
  region: string;
}

function rejected(issues: ImportIssue[]): LantianError {
  issues.sort((a, b) => a.row - b.row);
  return new LantianError('LT_ERR_IMPORT_REJECTED', `${issues.length} 处问题`, { issues });
}

/** Checks every row; returns the good ones and adds the problems to `issues`. */
async function checkRows(
  db: Db,
  p: Principal,
  table: UploadedTable,
  thisYear: number,
  issues: ImportIssue[],
): Promise<CheckedRow[]> {
  const checked: Array<{ row: number; v: ValidMachine }> = [];
  for (const r of table.rows) {
    const c = checkMachine(inputOfCells(r.cells), thisYear);
    if (c.ok) checked.push({ row: r.row, v: c.value });
    else
      for (const i of c.issues)
        issues.push({ row: r.row, column: columnOf(i.field), code: i.code, detail: i.detail });
  }
  const siteIds = [...new Set(checked.flatMap((c) => (c.v.siteId ? [c.v.siteId] : [])))];
  const sites = new Map((await sitesByIds(db.kysely, siteIds)).map((s) => [s.id, s]));
  const known = new Set((await listRegions(db)).map((r) => r.adcode));
  const visible = await machineryRegions(db, p);
  const seen = new Map<string, number>();
  const out: CheckedRow[] = [];
  for (const { row, v } of checked) {
    const bad = (column: string, code: string, detail: string) =>
      issues.push({ row, column, code, detail });
    const region = v.siteId ? sites.get(v.siteId)?.region_adcode : v.regionAdcode;
    if (v.siteId && !region) {
      bad('场所编号', 'LT_ERR_MACHINERY_SITE_NOT_FOUND', `场所 ${v.siteId} 未登记`);
      continue;
    }
    if (!known.has(region!)) {
      bad('区县代码', 'LT_ERR_REGION_NOT_FOUND', `区县代码 ${region} 未登记`);
      continue;
    }
    if (visible !== 'all' && !visible.includes(region!)) {
      bad('区县代码', 'LT_ERR_OUT_OF_SCOPE', `不能登记 ${region} 的机械`);
      continue;
    }
    if (v.code !== undefined) {
      const first = seen.get(v.code);
      if (first !== undefined) {
        bad('登记编码', 'LT_ERR_MACHINERY_CODE_EXISTS', `与第 ${first} 行重复`);
        continue;
      }
      seen.set(v.code, row);
      const existing = await findMachineByCode(db.kysely, v.code);
      if (existing && visible !== 'all' && !visible.includes(existing.region_adcode)) {
        bad('登记编码', 'LT_ERR_MACHINERY_CODE_EXISTS', `${v.code} 已由其他区县登记`);
        continue;
      }
    }
    out.push({ row, v, region: region! });
  }
  return out;
}

/** Imports the rows of a registration file (all or nothing). */
export async function importMachines(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  filename: string,
  table: UploadedTable,
): Promise<{ created: number; updated: number; codes: string[] }> {
  const now = clock.now();
  const issues: ImportIssue[] = table.issues.map((i) => ({ ...i }));
  const rows = await checkRows(db, p, table, beijingYear(now), issues);
  if (issues.length > 0) throw rejected(issues);
  if (rows.length === 0) throw new LantianError('LT_ERR_BAD_REQUEST', `${filename}：没有数据行`);
  const result = { created: 0, updated: 0, codes: [] as string[] };
  await db.kysely.transaction().execute(async (trx) => {
    for (const { v, region } of rows) {
      const fields = machineFields(v, region, now);
      const existing = v.code === undefined ? undefined : await findMachineByCode(trx, v.code);
      if (existing) {
        await updateMachine(trx, existing.id, fields);
        result.updated++;
        result.codes.push(existing.code);
        continue;
      }
      const code = v.code ?? (await nextIssuedCode(trx, region, now));
      await insertMachine(trx, {
        ...fields,
        code,
        code_origin: v.code === undefined ? 'issued' : 'imported',
        created_by: who.actor,
        created_at: now,
      });
      result.created++;
      result.codes.push(code);
    }
    await recordAudit(trx, now, {
      ...who,
      action: 'machinery.import',
      target: filename,
      detail: { created: result.created, updated: result.updated },
    });
  });
  return result;
}
