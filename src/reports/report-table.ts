/**
 * One table of a report, independent of its output: the Excel writer makes it a sheet, the PDF
 * writer a drawn table, the API returns it as JSON. Cell fills carry the AQI category colours.
 */

/** A cell value. */
export type Cell = string | number | null;

/** One column. */
export interface ReportColumn {
  key: string;
  /** Chinese header. */
  header: string;
  /** Width in characters (Excel) — the PDF scales it. */
  width: number;
  /** Decimals of a number column (display only; the values are already rounded). */
  decimals?: number;
}

/** One table. */
export interface ReportTable {
  /** Sheet name (≤ 31 characters). */
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: Array<Record<string, Cell>>;
  /** Background colours by row index and column key ('#RRGGBB'). */
  fills?: Array<Record<string, string>>;
  /** Notes printed under the table. */
  notes?: string[];
}
