/**
 * Checks of an enterprise registration (pure): the credit code (credit-code.ts), industry, grade
 * and edition, categories, dates, coordinates and the paired reason/validity of the positive list
 * and 保障类 flags (docs/standards/enterprises.md §1–§4). The API and the import share it, so that
 * a bad row is refused with the same stable code whichever way it came.
 */
import type { ErrorCode } from '../../errors.ts';
import { checkCreditCode } from './credit-code.ts';
import { checkCategories, checkGrade, type Category } from './registry-codes.ts';

/** An enterprise as a caller gives it. */
export interface EnterpriseInput {
  creditCode: string;
  name: string;
  regionAdcode: string;
  address?: string | null | undefined;
  lon?: number | null | undefined;
  lat?: number | null | undefined;
  /** Industry code or Chinese name. */
  industry: string;
  categories?: readonly string[] | undefined;
  grade?: string | null | undefined;
  gradeEdition?: string | null | undefined;
  gradeDate?: string | null | undefined;
  positiveList?: boolean | undefined;
  positiveReason?: string | null | undefined;
  positiveUntil?: string | null | undefined;
  guarantee?: boolean | undefined;
  guaranteeReason?: string | null | undefined;
  guaranteeUntil?: string | null | undefined;
  keyDischarger?: boolean | undefined;
}

/** A checked enterprise: codes normalised, optional fields null. */
export interface ValidEnterprise {
  creditCode: string;
  name: string;
  regionAdcode: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  industry: string;
  categories: Category[];
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

/** One problem with one field, in Chinese. */
export interface FieldIssue {
  field: string;
  code: ErrorCode;
  detail: string;
}

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === s;
}

const text = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

function dayIssue(field: string, v: string | null): FieldIssue[] {
  return v !== null && !isDay(v)
    ? [{ field, code: 'LT_ERR_BAD_ENTERPRISE', detail: `日期 "${v}" 应为 YYYY-MM-DD` }]
    : [];
}

function coordinateIssues(lon: number | null, lat: number | null): FieldIssue[] {
  if ((lon === null) !== (lat === null))
    return [{ field: 'lon', code: 'LT_ERR_BAD_ENTERPRISE', detail: '经度和纬度须同时填写' }];
  if (lon !== null && (!Number.isFinite(lon) || lon < -180 || lon > 180))
    return [{ field: 'lon', code: 'LT_ERR_BAD_ENTERPRISE', detail: `经度 ${lon} 超出 −180～180` }];
  if (lat !== null && (!Number.isFinite(lat) || lat < -90 || lat > 90))
    return [{ field: 'lat', code: 'LT_ERR_BAD_ENTERPRISE', detail: `纬度 ${lat} 超出 −90～90` }];
  return [];
}

/**
 * Checks an enterprise; `industryCode` maps a code or Chinese name to the list's code (undefined
 * when unknown). Every problem is returned, not only the first.
 */
export function checkEnterprise(
  input: EnterpriseInput,
  industryCode: (codeOrName: string) => string | undefined,
): { ok: true; value: ValidEnterprise } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const cc = checkCreditCode(input.creditCode);
  if (!cc.ok)
    issues.push({ field: 'creditCode', code: 'LT_ERR_BAD_CREDIT_CODE', detail: cc.detail });
  const name = text(input.name);
  if (name === null)
    issues.push({ field: 'name', code: 'LT_ERR_BAD_ENTERPRISE', detail: '企业名称不能为空' });
  const regionAdcode = input.regionAdcode.trim();
  if (!/^\d{6}$/.test(regionAdcode))
    issues.push({
      field: 'regionAdcode',
      code: 'LT_ERR_BAD_ADCODE',
      detail: `行政区划代码 "${regionAdcode}" 应为 6 位数字`,
    });
  const industry = industryCode(input.industry);
  if (industry === undefined)
    issues.push({
      field: 'industry',
      code: 'LT_ERR_INDUSTRY_UNKNOWN',
      detail: `行业 "${input.industry}" 不在行业代码表中`,
    });
  const cats = checkCategories(input.categories ?? []);
  if (!cats.ok)
    issues.push({ field: 'categories', code: 'LT_ERR_BAD_ENTERPRISE', detail: cats.detail });
  const grade = text(input.grade);
  const gradeEdition = text(input.gradeEdition);
  const g = checkGrade(grade, gradeEdition);
  if (!g.ok) issues.push({ field: g.field, code: 'LT_ERR_BAD_ENTERPRISE', detail: g.detail });
  const gradeDate = text(input.gradeDate);
  const positiveUntil = text(input.positiveUntil);
  const guaranteeUntil = text(input.guaranteeUntil);
  issues.push(
    ...dayIssue('gradeDate', gradeDate),
    ...dayIssue('positiveUntil', positiveUntil),
    ...dayIssue('guaranteeUntil', guaranteeUntil),
  );
  const lon = input.lon ?? null;
  const lat = input.lat ?? null;
  issues.push(...coordinateIssues(lon, lat));
  const positiveList = input.positiveList ?? false;
  const guarantee = input.guarantee ?? false;
  const positiveReason = text(input.positiveReason);
  const guaranteeReason = text(input.guaranteeReason);
  if (positiveList && positiveReason === null)
    issues.push({
      field: 'positiveReason',
      code: 'LT_ERR_BAD_ENTERPRISE',
      detail: '列入正面清单须写明理由',
    });
  if (guarantee && guaranteeReason === null)
    issues.push({
      field: 'guaranteeReason',
      code: 'LT_ERR_BAD_ENTERPRISE',
      detail: '保障类企业须写明理由',
    });
  if (issues.length > 0 || !cc.ok || !cats.ok || industry === undefined || name === null)
    return { ok: false, issues };
  return {
    ok: true,
    value: {
      creditCode: cc.code,
      name,
      regionAdcode,
      address: text(input.address),
      lon,
      lat,
      industry,
      categories: cats.categories,
      grade,
      gradeEdition: grade === null ? null : gradeEdition,
      gradeDate: grade === null ? null : gradeDate,
      positiveList,
      positiveReason: positiveList ? positiveReason : null,
      positiveUntil: positiveList ? positiveUntil : null,
      guarantee,
      guaranteeReason: guarantee ? guaranteeReason : null,
      guaranteeUntil: guarantee ? guaranteeUntil : null,
      keyDischarger: input.keyDischarger ?? false,
    },
  };
}
