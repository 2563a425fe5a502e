/** A line an import skipped or refused, with where it is and why. */
export interface ImportIssue {
  file: string;
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  /** The column concerned, when one is. */
  field: string | null;
  /**
   * Stable code: LT_WARN_MISSING (empty or NA value, skipped), LT_ERR_NOT_NUMERIC,
   * LT_ERR_NEGATIVE, LT_ERR_CSV_ROW, LT_ERR_CSV_TRUNCATED, LT_ERR_CSV_HEADER,
   * LT_ERR_UNKNOWN_STATION, LT_ERR_POLLUTANT_UNKNOWN, LT_ERR_BAD_TIME, LT_ERR_BAD_FLAG …
   */
  code: string;
  detail: string;
}

/** Counts issues by code. */
export function countIssues(issues: readonly ImportIssue[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of issues) out[i.code] = (out[i.code] ?? 0) + 1;
  return out;
}
