/** Column description of DataTable. */
export interface TableColumn<Row = Record<string, unknown>> {
  /** Key of the row field (also the slot name `cell-<prop>`). */
  prop: string;
  label: string;
  width?: number;
  minWidth?: number;
  align?: 'left' | 'center' | 'right';
  fixed?: 'left' | 'right';
  /** Sortable by `sortValue` (default: the field). */
  sortable?: boolean;
  /** Offer a filter with the column's distinct display values. */
  filterable?: boolean;
  /** Display text (default: the field as text). */
  format?: (row: Row) => string;
  /** Value used to sort (default: the field). */
  sortValue?: (row: Row) => number | string | null | undefined;
  /** Value written to Excel (default: the field when a number, else the display text). */
  exportValue?: (row: Row) => string | number | boolean | null | undefined;
  /** Excel number format. */
  numFmt?: string;
  /** Leave the column out of the Excel export. */
  noExport?: boolean;
}
