/**
 * The columns of the electronic ledgers (电子台账) and the check of one imported row, pure.
 * Fields: standards.md §7.1 (transport vehicles, guide Table 3: plate, registration date
 * yyyymmdd, VIN char(17), engine number char(32), stage 0–6/D, fleet char(100)), §7.2 Table 4
 * (in-plant vehicles: registration code or internal plate char(32), registration date, VIN,
 * engine number, stage 0–6/D) and Table 5 (non-road machinery: environmental registration code
 * char(32), production date, stage 0–6/D/X, machine code char(64)). Fuel type and plate colour
 * are vendor-listed HJ 1321-2023 fields (UNVERIFIED), optional here. Image columns of Tables 4
 * and 5 are not part of the sheet.
 */

/** The ledger kinds. */
export const LEDGER_KINDS = ['vehicles', 'inplant', 'machinery'] as const;
/** A ledger kind. */
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** Sheet titles of the fields, per kind; the first is the anchor (the enterprise). */
export const LEDGER_COLUMNS = {
  vehicles: {
    creditCode: '统一社会信用代码',
    plate: '号牌号码',
    plateColour: '号牌颜色',
    vin: '车辆识别代号',
    engineNo: '发动机号码',
    emissionStage: '排放阶段',
    fuel: '燃料类型',
    registrationDate: '注册日期',
    fleet: '车队名称',
  },
  inplant: {
    creditCode: '统一社会信用代码',
    code: '登记编码或内部号牌',
    registrationDate: '注册日期',
    vin: '车辆识别代号',
    engineNo: '发动机号码',
    emissionStage: '排放阶段',
    fuel: '燃料类型',
  },
  machinery: {
    creditCode: '统一社会信用代码',
    registrationCode: '环保登记编码',
    productionDate: '生产日期',
    emissionStage: '排放阶段',
    machineCode: '机械编码',
    fuel: '燃料类型',
  },
} as const;

/** Sheet names of the ledgers. */
export const LEDGER_NAMES: Readonly<Record<LedgerKind, string>> = {
  vehicles: '运输车辆台账',
  inplant: '厂内车辆台账',
  machinery: '非道路移动机械台账',
};

/** Titles that must be present, per kind. */
export function requiredTitles(kind: LedgerKind): string[] {
  const c = LEDGER_COLUMNS[kind];
  return kind === 'vehicles'
    ? [c.creditCode, LEDGER_COLUMNS.vehicles.plate, c.emissionStage]
    : kind === 'inplant'
      ? [c.creditCode, LEDGER_COLUMNS.inplant.code, c.emissionStage]
      : [c.creditCode, LEDGER_COLUMNS.machinery.registrationCode, c.emissionStage];
}

/** A checked row: its enterprise, its key within the enterprise and the stored fields. */
export interface LedgerRow {
  creditCode: string;
  key: string;
  fields: Record<string, string | null>;
}

/** A problem of a row. */
export interface RowProblem {
  column: string;
  detail: string;
}

const LIMITS: Readonly<Record<string, number>> = {
  plate: 10,
  code: 32,
  registrationCode: 32,
  machineCode: 64,
  vin: 17,
  engineNo: 32,
  fleet: 100,
  fuel: 32,
  plateColour: 16,
};

/** 'YYYY-MM-DD' from 'yyyymmdd' or 'YYYY-MM-DD' (Table 3 writes dates yyyymmdd); null if not a date. */
export function ledgerDate(s: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s);
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** Normalised plate: upper case, no spaces or dots. */
export function normalisePlate(s: string): string {
  return s.replace(/[\s·.]/g, '').toUpperCase();
}

/** Checks a row's cells (titled as in LEDGER_COLUMNS). */
export function checkLedgerRow(
  kind: LedgerKind,
  cells: Readonly<Record<string, string>>,
): { ok: true; row: LedgerRow } | { ok: false; problems: RowProblem[] } {
  const cols = LEDGER_COLUMNS[kind] as Readonly<Record<string, string>>;
  const problems: RowProblem[] = [];
  const fields: Record<string, string | null> = {};
  for (const [field, title] of Object.entries(cols)) {
    if (field === 'creditCode') continue;
    let v = (cells[title] ?? '').trim();
    if (field === 'plate') v = normalisePlate(v);
    if (field === 'vin') v = v.toUpperCase();
    if (v === '') {
      fields[field] = null;
      continue;
    }
    const max = LIMITS[field];
    if (max !== undefined && [...v].length > max)
      problems.push({ column: title, detail: `长度超过 ${max} 个字符` });
    if (field === 'registrationDate' || field === 'productionDate') {
      const d = ledgerDate(v);
      if (!d) problems.push({ column: title, detail: `${v} 不是日期（yyyymmdd 或 YYYY-MM-DD）` });
      v = d ?? v;
    }
    if (field === 'emissionStage') {
      const allowed = kind === 'machinery' ? /^[0-6DX]$/ : /^[0-6D]$/;
      v = v.toUpperCase();
      if (!allowed.test(v))
        problems.push({
          column: title,
          detail: `${v} 不是排放阶段（0–6、D 为电动${kind === 'machinery' ? '、X 为无排放阶段' : ''}）`,
        });
    }
    fields[field] = v;
  }
  const creditCode = (cells[cols.creditCode!] ?? '').trim().toUpperCase();
  if (creditCode === '') problems.push({ column: cols.creditCode!, detail: '不能为空' });
  const keyField = kind === 'vehicles' ? 'plate' : kind === 'inplant' ? 'code' : 'registrationCode';
  if (!fields[keyField]) problems.push({ column: cols[keyField]!, detail: '不能为空' });
  if (!fields.emissionStage) problems.push({ column: cols.emissionStage!, detail: '不能为空' });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, row: { creditCode, key: fields[keyField]!, fields } };
}
