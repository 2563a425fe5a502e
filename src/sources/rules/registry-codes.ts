/**
 * The code lists of the enterprise registry that are rules, not data: control categories of the
 * Handan 2020 plan (docs/standards/enterprises.md §4), performance grades and the editions of the
 * grading rule that grant them (§3), kinds of control facilities and outlets.
 */

/** Control categories (管控类别) of the plan's fifth campaign, §4. */
export const CATEGORIES = {
  ultra_low: '超低排放重点企业',
  kiln: '工业炉窑',
  powder: '粉状物料',
  voc: 'VOCs重点',
  ldar: 'LDAR',
  gas_boiler: '燃气锅炉',
} as const;

export type Category = keyof typeof CATEGORIES;

/**
 * Performance grades (绩效分级), best first, §3: A+ exists only under the 2026 rule; 'lead' is
 * 引领性, used where an industry has no A–D scale; B- sits between B and C.
 */
export const GRADES = {
  'A+': 'A+',
  A: 'A',
  lead: '引领性',
  B: 'B',
  'B-': 'B-',
  C: 'C',
  D: 'D',
} as const;

/** Editions of the grading rule, §3.1: the 2020 technical guide and the 2026 guidance. */
export const GRADE_EDITIONS = {
  '2020': '重点行业应急减排措施制定技术指南（2020年修订版），环办大气函〔2020〕340号',
  '2026': '关于加强重点行业大气环境绩效分级管理的指导意见，环办大气〔2026〕2号',
} as const;

/** Kinds of control facilities (治污设施). */
export const FACILITY_KINDS = {
  desulphurisation: '脱硫',
  denitration: '脱硝',
  dust: '除尘',
  voc: 'VOCs治理',
  other: '其他',
} as const;

/** Kinds of outlets by what their monitor measures (HJ 212 ST 31 / 27 / 39, docs/standards/hj212.md §1.3). */
export const OUTLET_KINDS = {
  flue_gas: '烟气',
  voc: 'VOCs',
  dust: '扬尘',
  /** A logger that reports only electricity (分表计电, docs/sources.md § Sub-metering). */
  power: '电量',
} as const;

const has = <T extends object>(o: T, k: string): k is Extract<keyof T, string> =>
  Object.prototype.hasOwnProperty.call(o, k);

/** The grade and edition, checked together; a Chinese reason when they do not fit. */
export function checkGrade(
  grade: string | null,
  edition: string | null,
): { ok: true } | { ok: false; field: 'grade' | 'gradeEdition'; detail: string } {
  if (grade === null) return { ok: true };
  if (!has(GRADES, grade))
    return {
      ok: false,
      field: 'grade',
      detail: `绩效等级 "${grade}" 应为 A+、A、lead（引领性）、B、B-、C 或 D`,
    };
  if (edition === null)
    return {
      ok: false,
      field: 'gradeEdition',
      detail: '有绩效等级时须写明分级依据版本（2020 或 2026）',
    };
  if (!has(GRADE_EDITIONS, edition))
    return {
      ok: false,
      field: 'gradeEdition',
      detail: `分级依据版本 "${edition}" 应为 2020 或 2026`,
    };
  if (grade === 'A+' && edition !== '2026')
    return {
      ok: false,
      field: 'grade',
      detail: 'A+ 级只有 2026 年分级办法（环办大气〔2026〕2号）才有',
    };
  return { ok: true };
}

/** The categories of a list, refusing unknown ones; duplicates dropped, order of CATEGORIES. */
export function checkCategories(
  list: readonly string[],
): { ok: true; categories: Category[] } | { ok: false; detail: string } {
  const unknown = list.filter((c) => !has(CATEGORIES, c));
  if (unknown.length > 0)
    return {
      ok: false,
      detail: `管控类别 ${unknown.map((u) => `"${u}"`).join('、')} 不存在（可用：${Object.keys(CATEGORIES).join('、')}）`,
    };
  return {
    ok: true,
    categories: (Object.keys(CATEGORIES) as Category[]).filter((c) => list.includes(c)),
  };
}

/** True when `k` is a key of the code list `o`. */
export const isCode = has;
