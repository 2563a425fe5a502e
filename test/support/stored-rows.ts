/**
 * What a SQLite store holds of the HJ 212 uploads, in the shapes src/simulator/acked-check.ts
 * compares acknowledged uploads with: every stored value with its device's MN, and every hourly
 * reading with its station's code.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { StoredReadingRow, StoredValueRow } from '../../src/simulator/acked-check.ts';

/** Every row of device_values, with the device's MN. */
export function storedValueRows(h: BetterSqlite3.Database): StoredValueRow[] {
  return h
    .prepare(
      `select d.mn, v.cn, v.code, v.data_time, v.rtd, v.avg, v.zs_avg, v.cou, v.flag
         from device_values v join devices d on d.id = v.device_id`,
    )
    .all() as StoredValueRow[];
}

/** Every row of readings, with the station's code. */
export function storedReadingRows(h: BetterSqlite3.Database): StoredReadingRow[] {
  return h
    .prepare(
      `select s.code as station, r.pollutant, r.hour, r.value
         from readings r join stations s on s.id = r.station_id`,
    )
    .all() as StoredReadingRow[];
}
