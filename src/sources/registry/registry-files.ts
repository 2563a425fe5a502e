/**
 * Reading registry files into the form's tables (rules/registry-form.ts): a workbook (.xlsx, read
 * in a child process within the sheet limits, tasks/sheet-thread.ts) with an 企业 and/or an 排放口
 * sheet, or a CSV file of either table (UTF-8, the header decides which). A table's header is the
 * first of its first ten rows with a 统一社会信用代码 column.
 */
import { LantianError } from '../../errors.ts';
import { parseCsvLine } from '../../imports/csv-line.ts';
import { splitLines } from '../../imports/text-file.ts';
import { lineOfNul } from '../../nul-character.ts';
import { readInSheetProcess, type SheetProcessLimits } from '../../tasks/sheet-thread.ts';
import type { XlsxLimits } from '../../tasks/xlsx-guard.ts';
import { formOfHeader, type FormCells, type RegistryForm } from '../rules/registry-form.ts';
import type { RegistrySheetJob, RegistrySheetReply, SheetText } from './registry-sheet-worker.ts';

/** One table read from a file: its form, where it came from, and its data rows. */
export interface RegistryTable {
  form: RegistryForm;
  /** The file, with the sheet for a workbook (`registry.xlsx:企业`). */
  source: string;
  rows: Array<{ row: number; cells: FormCells }>;
}

/** How large a registry file may be and what a workbook may unpack to. */
export interface RegistryFileLimits extends SheetProcessLimits {
  maxSheetBytes: number;
  sheetLimits: XlsxLimits;
}

/** The tables of one sheet or CSV; undefined when it has no registry header. */
function tableOf(source: string, rows: SheetText['rows']): RegistryTable | undefined {
  const at = rows.slice(0, 10).findIndex((r) => formOfHeader(r.cells) !== undefined);
  if (at < 0) return undefined;
  const titles = rows[at]!.cells.map((c) => c.trim());
  const { form, missing } = formOfHeader(titles)!;
  if (missing.length > 0)
    throw new LantianError(
      'LT_ERR_REGISTRY_FORM',
      `${source} 第 ${rows[at]!.row} 行表头缺少 ${missing.join('、')}`,
    );
  return {
    form,
    source,
    rows: rows.slice(at + 1).map((r) => ({
      row: r.row,
      cells: Object.fromEntries(titles.map((t, i) => [t, r.cells[i] ?? ''])),
    })),
  };
}

/** The rows of a CSV text with their line numbers. */
function csvRows(text: string, filename: string): SheetText['rows'] {
  const nul = lineOfNul(text);
  if (nul !== undefined) throw new LantianError('LT_ERR_NUL_CHARACTER', `${filename} 第 ${nul} 行`);
  const { lines } = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const rows: SheetText['rows'] = [];
  lines.forEach((l, i) => {
    if (!l.trim()) return;
    const p = parseCsvLine(l);
    if (!p.ok)
      throw new LantianError('LT_ERR_CSV_TRUNCATED', `${filename} 第 ${i + 1} 行引号未闭合`);
    rows.push({ row: i + 1, cells: p.fields });
  });
  return rows;
}

const isZip = (b: Uint8Array): boolean => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b;

/** The registry tables of a file (.xlsx or .csv). */
export async function readRegistryFile(
  data: Uint8Array,
  filename: string,
  limits: RegistryFileLimits,
): Promise<RegistryTable[]> {
  if (data.length > limits.maxSheetBytes)
    throw new LantianError(
      'LT_ERR_ATTACHMENT_TOO_LARGE',
      `${filename}：超过 ${limits.maxSheetBytes} 字节`,
      {
        maxBytes: limits.maxSheetBytes,
      },
    );
  if (isZip(data)) {
    const reply = await readInSheetProcess<RegistrySheetJob, RegistrySheetReply>(
      new URL('./registry-sheet-worker.ts', import.meta.url),
      (copy) => ({ data: copy, filename, limits: limits.sheetLimits }),
      data,
      limits,
    );
    const tables = reply.sheets.flatMap((s) => tableOf(`${filename}:${s.name}`, s.rows) ?? []);
    if (tables.length === 0)
      throw new LantianError(
        'LT_ERR_REGISTRY_FORM',
        `${filename} 中没有含“统一社会信用代码”表头的工作表`,
      );
    return tables;
  }
  const table = tableOf(filename, csvRows(new TextDecoder().decode(data), filename));
  if (!table)
    throw new LantianError(
      'LT_ERR_REGISTRY_FORM',
      `${filename} 前 10 行中找不到含“统一社会信用代码”的表头`,
    );
  return [table];
}
