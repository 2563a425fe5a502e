/**
 * Whether an import left data out that its user did not ask to leave out, as the catalogue error
 * the command exits with after printing its summary: a PRSA file of a station that is not one of
 * Beijing's 12 (the whole file is refused: LT_ERR_STATION_NOT_FOUND), a file cut off in its last
 * line (LT_ERR_CSV_TRUNCATED; the lines before it are imported), or a CSV of which no line could
 * be imported (LT_ERR_IMPORT_REJECTED). Rows skipped with --skip-bad-rows and missing values are
 * not refusals.
 */
import { LantianError, type ErrorCode } from '../errors.ts';
import type { ImportSummary } from '../imports/import-summary.ts';

const REFUSALS: ReadonlyArray<{ issue: string; code: ErrorCode; what: string }> = [
  {
    issue: 'LT_ERR_UNKNOWN_STATION',
    code: 'LT_ERR_STATION_NOT_FOUND',
    what: '站点不在数据集的 12 个国控站点中，整个文件未导入',
  },
  {
    issue: 'LT_ERR_CSV_TRUNCATED',
    code: 'LT_ERR_CSV_TRUNCATED',
    what: '最后一行被截断，文件不完整（之前各行已导入）',
  },
];

/** The error to exit with after an import (null when everything offered was taken). */
export function importRefusal(kind: 'prsa' | 'csv', s: ImportSummary): LantianError | null {
  const found: Array<{ code: ErrorCode; text: string; issue: string }> = [];
  for (const r of REFUSALS) {
    if (kind === 'csv' && r.issue === 'LT_ERR_UNKNOWN_STATION') continue; // a row, not a file
    for (const f of s.files)
      if ((f.issues[r.issue] ?? 0) > 0)
        found.push({ code: r.code, text: `${f.file}：${r.what}`, issue: r.issue });
  }
  if (
    kind === 'csv' &&
    s.readings === 0 &&
    Object.keys(s.issues).some((k) => k.startsWith('LT_ERR_'))
  )
    found.push({
      code: 'LT_ERR_IMPORT_REJECTED',
      text: `${s.files.map((f) => f.file).join('、')}：没有一行可以导入`,
      issue: '',
    });
  if (found.length === 0) return null;
  const issues = new Set(found.map((f) => f.issue));
  return new LantianError(found[0]!.code, found.map((f) => f.text).join('；'), {
    sampleIssues: s.sampleIssues.filter((i) => issues.has(i.code)),
  });
}
