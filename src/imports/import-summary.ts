/** What an import tells its user when it is done. */
import type { ImportIssue } from './import-issue.ts';

/** Per-file outcome. */
export interface FileSummary {
  file: string;
  rows: number;
  issues: Record<string, number>;
}

/** The outcome of one import run. */
export interface ImportSummary {
  sourceId: number;
  files: FileSummary[];
  /** Readings read from the files and accepted (before comparing with the store). */
  readings: number;
  /** Readings that were new or changed what was stored. */
  written: number;
  /** Readings identical to what was stored (a re-import changes nothing). */
  unchanged: number;
  /** Issue counts by code over all files. */
  issues: Record<string, number>;
  /** A few issues of each code, for the report (all of them are stored in import_issues). */
  sampleIssues: ImportIssue[];
  stationDays: number;
  /** First and last local date touched. */
  from: string | null;
  to: string | null;
  elapsedMs: number;
}

/** Up to `perCode` issues of each code, in the order they were found. */
export function sampleIssues(issues: readonly ImportIssue[], perCode = 5): ImportIssue[] {
  const seen = new Map<string, number>();
  const out: ImportIssue[] = [];
  for (const i of issues) {
    const n = seen.get(i.code) ?? 0;
    if (n < perCode) out.push(i);
    seen.set(i.code, n + 1);
  }
  return out;
}
