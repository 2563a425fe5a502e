/**
 * The registry as a county's environment bureau keeps it (pure): an enterprise table (企业) and an
 * outlet table (排放口), one row each, with Chinese column titles; how a row becomes a
 * registration and a registration a row, so that an export imports back unchanged. Codes may be
 * written as codes or as their Chinese names (行业, 管控类别, 绩效等级, 类型).
 *
 * Limits (限值) are written in one cell: items `pollutant=limit`, optionally `@refO2` and
 * `（basis）`, separated by `;` — e.g. `a34013=10; a21026=35@8; a21002=50（环大气〔2019〕35号）`; an
 * item without its own basis takes the 限值依据 column.
 */
import type { EnterpriseInput, FieldIssue } from './enterprise-input.ts';
import type { LimitInput, OutletInput } from './outlet-input.ts';
import { CATEGORIES, GRADES, OUTLET_KINDS, isCode } from './registry-codes.ts';

/** The two tables of the form. */
export type RegistryForm = 'enterprises' | 'outlets';

/** Chinese names of the tables (sheet names, CSV file suffixes). */
export const FORM_NAMES: Readonly<Record<RegistryForm, string>> = {
  enterprises: '企业',
  outlets: '排放口',
};

/** Column titles of the enterprise table, in order. */
export const ENTERPRISE_COLUMNS = [
  '统一社会信用代码',
  '企业名称',
  '县区代码',
  '县区',
  '地址',
  '经度',
  '纬度',
  '行业',
  '管控类别',
  '绩效等级',
  '分级依据版本',
  '评级日期',
  '正面清单',
  '正面清单理由',
  '正面清单有效期至',
  '保障类',
  '保障类理由',
  '保障类有效期至',
  '重点排污单位',
] as const;

/** Column titles of the outlet table, in order. */
export const OUTLET_COLUMNS = [
  '统一社会信用代码',
  '排放口编码',
  '排放口名称',
  '类型',
  '排气筒高度(m)',
  '监测因子',
  '基准氧含量(%)',
  '须按小时上报',
  '设备MN',
  '限值(mg/m³)',
  '限值依据',
] as const;

const REQUIRED: Readonly<Record<RegistryForm, readonly string[]>> = {
  enterprises: ['统一社会信用代码', '企业名称', '县区代码', '行业'],
  outlets: ['统一社会信用代码', '排放口编码'],
};

/**
 * Which table a header row is (it names 统一社会信用代码 and 企业名称 or 排放口编码), or undefined;
 * missing required titles are named.
 */
export function formOfHeader(
  titles: readonly string[],
): { form: RegistryForm; missing: string[] } | undefined {
  const t = titles.map((x) => x.trim());
  if (!t.includes('统一社会信用代码') || !(t.includes('企业名称') || t.includes('排放口编码')))
    return undefined;
  const form: RegistryForm = t.includes('排放口编码') ? 'outlets' : 'enterprises';
  return { form, missing: REQUIRED[form].filter((h) => !t.includes(h)) };
}

/** A data row as cells by column title. */
export type FormCells = Readonly<Record<string, string>>;

const LIST_SEP = /[;；,，、\s]+/;
const YES = new Set(['是', '1', 'y', 'yes', 'true', '√']);
const NO = new Set(['否', '0', 'n', 'no', 'false', '']);

const split = (s: string | undefined): string[] => (s ?? '').split(LIST_SEP).filter(Boolean);

function flag(
  cells: FormCells,
  title: string,
  issues: FieldIssue[],
  code: FieldIssue['code'],
): boolean {
  const v = (cells[title] ?? '').trim().toLowerCase();
  if (YES.has(v)) return true;
  if (!NO.has(v)) issues.push({ field: title, code, detail: `“${cells[title]}”应为 是 或 否` });
  return false;
}

function num(
  cells: FormCells,
  title: string,
  issues: FieldIssue[],
  code: FieldIssue['code'],
): number | null {
  const v = (cells[title] ?? '').trim();
  if (v === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n)) {
    issues.push({ field: title, code, detail: `“${v}”不是数字` });
    return null;
  }
  return n;
}

/** A code from its code or Chinese name (case-insensitive for codes). */
function codeOf<T extends Readonly<Record<string, string>>>(list: T, s: string): string {
  const t = s.trim();
  if (isCode(list, t)) return t;
  const byName = Object.entries(list).find(([, name]) => name.toLowerCase() === t.toLowerCase());
  return byName ? byName[0] : t;
}

/** The enterprise registration of a row of the enterprise table, and the cells it could not read. */
export function enterpriseOfRow(cells: FormCells): {
  input: EnterpriseInput;
  issues: FieldIssue[];
} {
  const issues: FieldIssue[] = [];
  const bad = 'LT_ERR_BAD_ENTERPRISE' as const;
  const c = (t: string): string => (cells[t] ?? '').trim();
  const input: EnterpriseInput = {
    creditCode: c('统一社会信用代码'),
    name: c('企业名称'),
    regionAdcode: c('县区代码'),
    address: c('地址'),
    lon: num(cells, '经度', issues, bad),
    lat: num(cells, '纬度', issues, bad),
    industry: c('行业'),
    categories: split(cells['管控类别']).map((x) => codeOf(CATEGORIES, x)),
    grade: c('绩效等级') ? codeOf(GRADES, c('绩效等级')) : null,
    gradeEdition: c('分级依据版本') || null,
    gradeDate: c('评级日期') || null,
    positiveList: flag(cells, '正面清单', issues, bad),
    positiveReason: c('正面清单理由'),
    positiveUntil: c('正面清单有效期至') || null,
    guarantee: flag(cells, '保障类', issues, bad),
    guaranteeReason: c('保障类理由'),
    guaranteeUntil: c('保障类有效期至') || null,
    keyDischarger: flag(cells, '重点排污单位', issues, bad),
  };
  return { input, issues };
}

const LIMIT_ITEM =
  /^([A-Za-z]\d{5})\s*[=＝:：]\s*([^@（(]+?)\s*(?:@\s*([^（(]+?)\s*)?(?:[（(](.+)[)）])?$/;

/** The limits of a 限值 cell with its default basis; unreadable items are issues. */
export function limitsOfCell(
  cell: string,
  basis: string,
): { limits: LimitInput[]; issues: FieldIssue[] } {
  const limits: LimitInput[] = [];
  const issues: FieldIssue[] = [];
  for (const item of cell
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter(Boolean)) {
    const m = LIMIT_ITEM.exec(item);
    const limit = m ? Number(m[2]) : NaN;
    const refO2 = m?.[3] === undefined ? null : Number(m[3]);
    if (!m || !Number.isFinite(limit) || (refO2 !== null && !Number.isFinite(refO2))) {
      issues.push({
        field: '限值(mg/m³)',
        code: 'LT_ERR_BAD_OUTLET',
        detail: `“${item}”应写成 污染物编码=限值[@基准氧含量][（依据）]，如 a21026=35@8`,
      });
      continue;
    }
    limits.push({ pollutant: m[1]!, limit, refO2, basis: m[4]?.trim() || basis });
  }
  return { limits, issues };
}

/** The 限值 and 限值依据 cells of an outlet's limits (the shared basis in its column). */
export function limitCells(limits: readonly LimitInput[]): { cell: string; basis: string } {
  const bases = [...new Set(limits.map((l) => l.basis))];
  const shared = bases.length === 1 ? bases[0]! : '';
  const cell = limits
    .map(
      (l) =>
        `${l.pollutant}=${l.limit}${l.refO2 === null || l.refO2 === undefined ? '' : `@${l.refO2}`}${
          shared ? '' : `（${l.basis}）`
        }`,
    )
    .join('; ');
  return { cell, basis: shared };
}

/** The outlet registration of a row of the outlet table, its enterprise, and unreadable cells. */
export function outletOfRow(cells: FormCells): {
  creditCode: string;
  input: OutletInput;
  issues: FieldIssue[];
} {
  const issues: FieldIssue[] = [];
  const bad = 'LT_ERR_BAD_OUTLET' as const;
  const c = (t: string): string => (cells[t] ?? '').trim();
  const limits = limitsOfCell(c('限值(mg/m³)'), c('限值依据'));
  issues.push(...limits.issues);
  const must = c('须按小时上报');
  return {
    creditCode: c('统一社会信用代码'),
    input: {
      code: c('排放口编码'),
      name: c('排放口名称') || null,
      kind: c('类型') ? codeOf(OUTLET_KINDS, c('类型')) : 'flue_gas',
      heightM: num(cells, '排气筒高度(m)', issues, bad),
      pollutants: split(cells['监测因子']),
      refO2: num(cells, '基准氧含量(%)', issues, bad),
      mustReport: must === '' ? true : flag(cells, '须按小时上报', issues, bad),
      mns: split(cells['设备MN']),
      limits: limits.limits,
    },
    issues,
  };
}

const yesNo = (b: boolean): string => (b ? '是' : '否');
const str = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '' : String(v);

/** An enterprise as it is shown in a row of the enterprise table. */
export interface EnterpriseRowSource {
  creditCode: string;
  name: string;
  regionAdcode: string;
  regionName: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  industryName: string;
  categories: readonly string[];
  grade: string | null;
  gradeEdition: string | null;
  gradeDate: string | null;
  positiveList: boolean;
  positiveReason: string | null;
  positiveUntil: string | null;
  guarantee: boolean;
  guaranteeReason: string | null;
  guaranteeUntil: string | null;
  keyDischarger: boolean;
}

/** The cells of an enterprise, in ENTERPRISE_COLUMNS order. */
export function enterpriseRow(e: EnterpriseRowSource): string[] {
  return [
    e.creditCode,
    e.name,
    e.regionAdcode,
    str(e.regionName),
    str(e.address),
    str(e.lon),
    str(e.lat),
    e.industryName,
    e.categories.map((c) => (isCode(CATEGORIES, c) ? CATEGORIES[c] : c)).join('、'),
    e.grade === null ? '' : isCode(GRADES, e.grade) ? GRADES[e.grade] : e.grade,
    str(e.gradeEdition),
    str(e.gradeDate),
    yesNo(e.positiveList),
    str(e.positiveReason),
    str(e.positiveUntil),
    yesNo(e.guarantee),
    str(e.guaranteeReason),
    str(e.guaranteeUntil),
    yesNo(e.keyDischarger),
  ];
}

/** An outlet as it is shown in a row of the outlet table. */
export interface OutletRowSource {
  code: string;
  name: string;
  kind: string;
  heightM: number | null;
  pollutants: readonly string[];
  refO2: number | null;
  mustReport: boolean;
  mns: readonly string[];
  limits: readonly LimitInput[];
}

/** The cells of an outlet of an enterprise, in OUTLET_COLUMNS order. */
export function outletRow(creditCode: string, o: OutletRowSource): string[] {
  const l = limitCells(o.limits);
  return [
    creditCode,
    o.code,
    o.name,
    isCode(OUTLET_KINDS, o.kind) ? OUTLET_KINDS[o.kind] : o.kind,
    str(o.heightM),
    o.pollutants.join(';'),
    str(o.refO2),
    yesNo(o.mustReport),
    o.mns.join(';'),
    l.cell,
    l.basis,
  ];
}
