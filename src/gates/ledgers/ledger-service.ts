/**
 * The electronic ledgers (电子台账) per enterprise (standards.md §7.2): reading them (an enterprise
 * account its own, a county its region's: src/sources/enterprise-scope.ts), importing a sheet
 * all or nothing (every bad row listed with its number, column and a stable code; only the city
 * office, the bureau and the enterprise itself write: power/enterprise-ref.ts) and exporting them.
 * The transport-vehicle ledger joins the vehicles seen at the enterprise's gates with the rows
 * entered by hand (the hand-entered values win; `passages` counts what the gates saw).
 */
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { isLantianError, LantianError } from '../../errors.ts';
import { parseCsvLine } from '../../imports/csv-line.ts';
import { enterpriseVisibility } from '../../sources/enterprise-scope.ts';
import { writableEnterprise } from '../../sources/power/enterprise-ref.ts';
import type { Db } from '../../store/db.ts';
import type { TableRow } from '../../tasks/sheet-read.ts';
import type { TasksConfig } from '../../tasks/task-config.ts';
import {
  csvUploadLines,
  readUploadedTable,
  type UploadedTable,
} from '../../tasks/uploaded-table.ts';
import { manualRows, seenVehicles, upsertRows } from './ledger-repo.ts';
import { ledgerXlsx, type SheetRow } from './ledger-sheet.ts';
import {
  checkLedgerRow,
  LEDGER_COLUMNS,
  LEDGER_NAMES,
  requiredTitles,
  type LedgerKind,
  type LedgerRow,
} from './rules/ledger-rows.ts';

/** Most rows a ledger read or export returns. */
export const LEDGER_LIMIT = 20_000;

/** One row of a ledger as the API shows it. */
export interface LedgerEntry {
  creditCode: string;
  enterprise: string;
  fields: Record<string, string | null>;
  /** 'manual' (entered), 'gate' (only seen at the gates) or 'both'. */
  origin: 'manual' | 'gate' | 'both';
  /** Passages the gates recorded (transport vehicles only). */
  passages: number;
  lastSeen: number | null;
}

/** A ledger the principal may see. */
export async function ledgerEntries(
  db: Db,
  p: Principal,
  kind: LedgerKind,
): Promise<LedgerEntry[]> {
  const v = await enterpriseVisibility(db, p);
  const manual = await manualRows(db.kysely, kind, v, LEDGER_LIMIT);
  const out = new Map<string, LedgerEntry>();
  for (const m of manual)
    out.set(`${m.creditCode}|${m.fields.plate ?? m.fields.code ?? m.fields.registrationCode}`, {
      ...m,
      origin: 'manual',
      passages: 0,
      lastSeen: null,
    });
  if (kind === 'vehicles')
    for (const s of await seenVehicles(db.kysely, v, LEDGER_LIMIT)) {
      const key = `${s.creditCode}|${s.plate}`;
      const had = out.get(key);
      if (had) {
        had.origin = 'both';
        had.passages = s.passages;
        had.lastSeen = s.lastSeen;
        for (const [f, val] of Object.entries(s))
          if (f in had.fields && had.fields[f] === null && typeof val === 'string')
            had.fields[f] = val;
        continue;
      }
      const { creditCode, enterprise, passages, lastSeen, firstSeen: _f, ...fields } = s;
      out.set(key, { creditCode, enterprise, fields, origin: 'gate', passages, lastSeen });
    }
  return [...out.values()]
    .sort((a, b) =>
      a.creditCode === b.creditCode
        ? JSON.stringify(a.fields) < JSON.stringify(b.fields)
          ? -1
          : 1
        : a.creditCode < b.creditCode
          ? -1
          : 1,
    )
    .slice(0, LEDGER_LIMIT);
}

/** The workbook of a ledger the principal may see. */
export async function ledgerWorkbook(db: Db, p: Principal, kind: LedgerKind): Promise<Buffer> {
  const rows: SheetRow[] = (await ledgerEntries(db, p, kind)).map((e) => ({
    creditCode: e.creditCode,
    enterprise: e.enterprise,
    fields: e.fields,
    extra: kind === 'vehicles' ? [e.passages] : [],
  }));
  return ledgerXlsx(kind, rows, kind === 'vehicles' ? ['门禁记录次数'] : []);
}

function csvTable(kind: LedgerKind) {
  return (filename: string, data: Uint8Array): UploadedTable => {
    const lines = csvUploadLines(filename, data);
    const head = parseCsvLine(lines[0] ?? '');
    const titles = head.ok ? head.fields.map((f) => f.trim()) : [];
    const missing = requiredTitles(kind).filter((t) => !titles.includes(t));
    if (missing.length > 0)
      throw new LantianError('LT_ERR_CSV_HEADER', `${filename}：缺少列 ${missing.join('、')}`);
    const rows: TableRow[] = [];
    const issues: UploadedTable['issues'] = [];
    lines.slice(1).forEach((line, i) => {
      if (line.trim() === '') return;
      const p = parseCsvLine(line);
      if (!p.ok || p.fields.length < titles.length)
        issues.push({
          row: i + 2,
          column: null,
          code: 'LT_ERR_CSV_ROW',
          detail: '列数不对或引号未闭合',
        });
      else
        rows.push({
          row: i + 2,
          cells: Object.fromEntries(titles.map((t, j) => [t, p.fields[j]!])),
        });
    });
    return { rows, issues };
  };
}

/** What an import stored. */
export interface LedgerImportResult {
  kind: LedgerKind;
  rows: number;
  created: number;
  updated: number;
}

/** Imports a ledger sheet (.xlsx or .csv), all or nothing. */
export async function importLedger(
  db: Db,
  clock: Clock,
  sheets: TasksConfig,
  p: Principal,
  who: ActorContext,
  kind: LedgerKind,
  filename: string,
  data: Uint8Array,
): Promise<LedgerImportResult> {
  const anchor = LEDGER_COLUMNS[kind].creditCode;
  const { rows, issues } = await readUploadedTable(
    filename,
    data,
    { name: LEDGER_NAMES[kind], required: requiredTitles(kind), anchor },
    sheets,
    csvTable(kind),
  );
  const enterprises = new Map<string, { id: number } | LantianError>();
  const accepted: Array<{ enterpriseId: number; row: LedgerRow }> = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const c = checkLedgerRow(kind, cells);
    if (!c.ok) {
      for (const pr of c.problems)
        issues.push({
          row,
          column: pr.column,
          code: 'LT_ERR_GATE_LEDGER_BAD_ROW',
          detail: pr.detail,
        });
      continue;
    }
    const code = c.row.creditCode;
    if (!enterprises.has(code))
      enterprises.set(
        code,
        await writableEnterprise(db, p, code, true).catch((e: unknown) => {
          if (isLantianError(e)) return e;
          throw e;
        }),
      );
    const e = enterprises.get(code)!;
    if (e instanceof LantianError) {
      issues.push({
        row,
        column: anchor,
        code: 'LT_ERR_GATE_LEDGER_UNKNOWN_ENTERPRISE',
        detail: `${code}：${e.message}`,
      });
      continue;
    }
    const key = `${e.id}|${c.row.key}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        row,
        column: null,
        code: 'LT_ERR_GATE_LEDGER_BAD_ROW',
        detail: `与第 ${first} 行重复`,
      });
      continue;
    }
    seen.set(key, row);
    accepted.push({ enterpriseId: e.id, row: c.row });
  }
  if (issues.length > 0) {
    issues.sort((a, b) => a.row - b.row);
    throw new LantianError('LT_ERR_IMPORT_REJECTED', `${filename}：${issues.length} 处问题`, {
      issues: issues.slice(0, 200),
    });
  }
  const now = clock.now();
  const created = await db.kysely
    .transaction()
    .execute((trx) => upsertRows(trx, kind, accepted, who.actor, now));
  const result = { kind, rows: accepted.length, created, updated: accepted.length - created };
  await recordAudit(db, now, {
    actor: who.actor,
    action: 'gates.ledger-import',
    target: `ledger:${kind}`,
    detail: { filename, ...result },
    ip: who.ip,
  });
  return result;
}
