/**
 * Checks of a plan document beyond its shape (pure): plausible target ranges, units that exist in
 * the plan, a base year before the plan year. Every refusal carries a stable code:
 * LT_ERR_PLAN_INVALID (malformed), LT_ERR_TARGET_OUT_OF_RANGE, LT_ERR_UNIT_NOT_IN_PLAN.
 */
import { LantianError } from '../errors.ts';
import { isLeapYear } from '../standards/index.ts';
import {
  PlanDocumentSchema,
  type PlanBaseline,
  type PlanDocument,
  type PlanTarget,
} from './plan-document.ts';

/** Accepted ranges of targets (inclusive); days are also bounded by the plan year's length. */
export const TARGET_RANGES = {
  pm25: { min: 1, max: 500 },
  goodRatePct: { min: 0, max: 100 },
  pm25ReductionPct: { min: -100, max: 100 },
  baselinePm25: { min: 1, max: 1000 },
} as const;

/** Parses any input into a plan document, or throws LT_ERR_PLAN_INVALID naming the fields. */
export function parsePlanDocument(input: unknown): PlanDocument {
  const r = PlanDocumentSchema.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((i) => `${i.path.join('.') || '(根)'}: ${i.message}`);
    throw new LantianError('LT_ERR_PLAN_INVALID', problems.slice(0, 5).join('；'), { problems });
  }
  return r.data;
}

function outOfRange(where: string, field: string, value: number, min: number, max: number): never {
  throw new LantianError(
    'LT_ERR_TARGET_OUT_OF_RANGE',
    `${where} ${field} = ${value}，允许范围 ${min}–${max}`,
    { where, field, value, min, max },
  );
}

/** Checks one target against the ranges; `yearDays` bounds day counts. */
export function checkTarget(where: string, t: Partial<PlanTarget>, yearDays: number): void {
  const check = (field: string, v: number | null | undefined, min: number, max: number) => {
    if (v === null || v === undefined) return;
    if (!Number.isFinite(v) || v < min || v > max) outOfRange(where, field, v, min, max);
  };
  check('pm25', t.pm25, TARGET_RANGES.pm25.min, TARGET_RANGES.pm25.max);
  check('goodRatePct', t.goodRatePct, TARGET_RANGES.goodRatePct.min, TARGET_RANGES.goodRatePct.max);
  check('goodDays', t.goodDays, 0, yearDays);
  check('heavyDays', t.heavyDays, 0, yearDays);
  for (const f of ['goodDays', 'heavyDays'] as const) {
    const v = t[f];
    if (v !== null && v !== undefined && !Number.isInteger(v)) outOfRange(where, f, v, 0, yearDays);
  }
}

/** Checks base-year figures. */
export function checkBaseline(where: string, b: Partial<PlanBaseline>, yearDays: number): void {
  const { min, max } = TARGET_RANGES.baselinePm25;
  if (b.pm25 !== null && b.pm25 !== undefined && !(b.pm25 >= min && b.pm25 <= max))
    outOfRange(where, '基准年 pm25', b.pm25, min, max);
  for (const f of ['goodDays', 'heavyDays'] as const) {
    const v = b[f];
    if (v !== null && v !== undefined && !(Number.isInteger(v) && v >= 0 && v <= yearDays))
      outOfRange(where, `基准年 ${f}`, v, 0, yearDays);
  }
}

/** Days of a calendar year. */
export function yearLength(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** Validates a parsed document; throws the first problem with its stable code. */
export function validatePlanDocument(doc: PlanDocument): void {
  const yearDays = yearLength(doc.year);
  if (doc.baseYear >= doc.year)
    throw new LantianError(
      'LT_ERR_PLAN_INVALID',
      `基准年 ${doc.baseYear} 应早于方案年 ${doc.year}`,
    );
  const seen = new Set<string>();
  for (const u of doc.units) {
    if (seen.has(u.adcode))
      throw new LantianError('LT_ERR_PLAN_INVALID', `县（市、区）${u.adcode} 重复`);
    if (u.adcode === doc.city.adcode)
      throw new LantianError('LT_ERR_PLAN_INVALID', `${u.adcode} 是市本级，不能同时作为考核单位`);
    seen.add(u.adcode);
    checkTarget(`${u.name}（${u.adcode}）`, u.target, yearDays);
    checkBaseline(`${u.name}（${u.adcode}）`, u.baseline, yearDays);
  }
  checkTarget(`${doc.city.name}（${doc.city.adcode}）`, doc.city.target, yearDays);
  const red = doc.city.target.pm25ReductionPct;
  const r = TARGET_RANGES.pm25ReductionPct;
  if (red !== null && !(red >= r.min && red <= r.max))
    outOfRange(doc.city.name, 'pm25ReductionPct', red, r.min, r.max);
  checkBaseline(doc.city.name, doc.city.baseline, yearDays);
  if (doc.mainCity) {
    for (const m of doc.mainCity.members) {
      if (!seen.has(m))
        throw new LantianError('LT_ERR_UNIT_NOT_IN_PLAN', `${doc.mainCity.name}成员 ${m}`);
    }
    checkBaseline(doc.mainCity.name, doc.mainCity.baseline, yearDays);
  }
}

/** Parses and validates in one step. */
export function checkedPlanDocument(input: unknown): PlanDocument {
  const doc = parsePlanDocument(input);
  validatePlanDocument(doc);
  return doc;
}
