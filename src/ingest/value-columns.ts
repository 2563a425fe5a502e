/**
 * The value columns of device_values (tables.ts) in one order: everything but the key
 * (minute, device_id, cn, code, data_time) and received_at. Both sinks and the reader use this
 * list, so a column added to the table is added here once.
 */
import type { DeviceValueTable } from './tables.ts';

/** A value column. */
export type ValueColumn = Exclude<
  keyof DeviceValueTable,
  'minute' | 'device_id' | 'cn' | 'code' | 'data_time' | 'received_at'
>;

/** The value columns, in the order the batch and the sinks write them. */
export const VALUE_COLUMNS: readonly ValueColumn[] = [
  'rtd',
  'avg',
  'min',
  'max',
  'zs_rtd',
  'zs_avg',
  'zs_min',
  'zs_max',
  'cou',
  'flag',
  'eflag',
  'extra',
];

/** PostgreSQL array type of each value column (for unnest()). */
export const VALUE_PG_TYPES: Readonly<Record<ValueColumn, 'float8' | 'text'>> = {
  rtd: 'float8',
  avg: 'float8',
  min: 'float8',
  max: 'float8',
  zs_rtd: 'float8',
  zs_avg: 'float8',
  zs_min: 'float8',
  zs_max: 'float8',
  cou: 'float8',
  flag: 'text',
  eflag: 'text',
  extra: 'text',
};
