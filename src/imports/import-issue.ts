/**
 * The codes of import issues, each with the Chinese name the import summary counts it under
 * (docs/errors.md "Import issues"). `LT_WARN_*` lines are skipped; `LT_ERR_*` lines are errors.
 */
export const IMPORT_ISSUE_NAMES = {
  LT_WARN_MISSING: '缺测值',
  LT_ERR_NOT_NUMERIC: '非数值',
  LT_ERR_NEGATIVE: '负值',
  LT_ERR_CSV_ROW: '格式错误行',
  LT_ERR_CSV_TRUNCATED: '截断行',
  LT_ERR_CSV_HEADER: '表头错误',
  LT_ERR_UNKNOWN_STATION: '未登记站点',
  LT_ERR_POLLUTANT_UNKNOWN: '未知污染物',
  LT_ERR_BAD_TIME: '时间错误',
  LT_ERR_BAD_UNIT: '单位错误',
  LT_ERR_BAD_FLAG: '标记错误',
} as const satisfies Record<string, string>;

/** The code of an import issue. */
export type ImportIssueCode = keyof typeof IMPORT_ISSUE_NAMES;

/** The Chinese name of an issue code (the code itself for one stored by an older version). */
export function importIssueName(code: string): string {
  return (IMPORT_ISSUE_NAMES as Record<string, string>)[code] ?? code;
}

/** A line an import skipped or refused, with where it is and why. */
export interface ImportIssue {
  file: string;
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** The column concerned, when one is. */
  field: string | null;
  /** Stable code, one of IMPORT_ISSUE_NAMES. */
  code: ImportIssueCode;
  detail: string;
}

/** Counts issues by code. */
export function countIssues(issues: readonly ImportIssue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
  return out;
}
