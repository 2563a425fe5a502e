/**
 * Builders of DataTable columns, so that the same kind of column looks, sorts and exports the
 * same way on every page: numbers right-aligned in zh-CN grouping and exported as numbers,
 * changes and percentages with their signs, instants in Beijing time, codes by their names.
 * `columnBuilder<Row>()` fixes the row type once; `extra` overrides any field of a column.
 */
import {
  formatChange,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
} from '../lib/format.ts';
import type { TableColumn } from './table-types.ts';

/** Fields of a column other than its key and header. */
export type ColumnExtra<Row> = Partial<Omit<TableColumn<Row>, 'prop' | 'label'>>;
/** Reads a number of a row (null when missing). */
export type NumberOf<Row> = (row: Row) => number | null | undefined;

/** The column builders for rows of type `Row`. */
export function columnBuilder<Row>() {
  const numeric = (
    prop: string,
    label: string,
    value: NumberOf<Row>,
    show: (v: number | null | undefined) => string,
    extra: ColumnExtra<Row>,
  ): TableColumn<Row> => ({
    prop,
    label,
    align: 'right',
    sortable: true,
    sortValue: value,
    format: (r) => show(value(r)),
    exportValue: (r) => value(r) ?? null,
    ...extra,
  });
  return {
    /** Text as the row holds it (or as `extra.format` writes it). */
    text: (prop: string, label: string, extra: ColumnExtra<Row> = {}): TableColumn<Row> => ({
      prop,
      label,
      ...extra,
    }),
    /** A number with `digits` decimals (default 0). */
    number: (
      prop: string,
      label: string,
      value: NumberOf<Row>,
      extra: ColumnExtra<Row> & { digits?: number } = {},
    ): TableColumn<Row> => {
      const { digits = 0, ...rest } = extra;
      return numeric(prop, label, value, (v) => formatNumber(v, digits), rest);
    },
    /** A signed change in per cent (+3.2%). */
    change: (
      prop: string,
      label: string,
      value: NumberOf<Row>,
      extra: ColumnExtra<Row> = {},
    ): TableColumn<Row> => numeric(prop, label, value, (v) => formatChange(v), extra),
    /** A percentage already ×100 (52.1%). */
    percent: (
      prop: string,
      label: string,
      value: NumberOf<Row>,
      extra: ColumnExtra<Row> = {},
    ): TableColumn<Row> => numeric(prop, label, value, (v) => formatPercent(v), extra),
    /** An instant (UTC ms) as Beijing date and time, exported as that text. */
    dateTime: (
      prop: string,
      label: string,
      value: NumberOf<Row>,
      extra: ColumnExtra<Row> & { seconds?: boolean } = {},
    ): TableColumn<Row> => {
      const { seconds = false, ...rest } = extra;
      const text = (r: Row) => formatDateTime(value(r), seconds);
      return {
        prop,
        label,
        width: seconds ? 160 : 150,
        sortable: true,
        sortValue: value,
        format: text,
        exportValue: text,
        ...rest,
      };
    },
    /** A local date 'YYYY-MM-DD' as 2020年9月30日. */
    date: (
      prop: string,
      label: string,
      value: (row: Row) => string | null | undefined,
      extra: ColumnExtra<Row> = {},
    ): TableColumn<Row> => ({
      prop,
      label,
      width: 120,
      sortable: true,
      sortValue: value,
      format: (r) => formatDate(value(r)),
      ...extra,
    }),
    /** A code shown by its name (the code itself when `names` has none), filterable. */
    named: (
      prop: string,
      label: string,
      value: (row: Row) => string,
      names: Readonly<Record<string, string>>,
      extra: ColumnExtra<Row> = {},
    ): TableColumn<Row> => ({
      prop,
      label,
      filterable: true,
      format: (r) => names[value(r)] ?? value(r),
      exportValue: (r) => names[value(r)] ?? value(r),
      ...extra,
    }),
  };
}
