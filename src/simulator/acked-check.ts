// Checks acknowledged uploads (the simulator's --acked-log) against what a store holds: the
// promise of HJ 212 ingest is that an acknowledged packet is never lost. Pure: the caller reads
// the rows from its store.

import { cpItems } from '../protocols/hj212/index.ts';
import { parseDataTime } from './beijing-time.ts';
import type { AckedRecord } from './simulator.ts';

/** One stored value row (device_values joined with the device's MN). */
export interface StoredValueRow {
  readonly mn: string;
  readonly cn: number;
  readonly code: string;
  /** DataTime as epoch ms. */
  readonly data_time: number;
  readonly rtd: number | null;
  readonly avg: number | null;
  readonly zs_avg: number | null;
  readonly cou: number | null;
  readonly flag: string | null;
}

/** One stored hourly reading (readings joined with the station code). */
export interface StoredReadingRow {
  readonly station: string;
  readonly pollutant: string;
  /** Hour start, epoch ms. */
  readonly hour: number;
  readonly value: number;
}

/** An acknowledged value the store does not hold (or holds with another value). */
export interface AckedProblem {
  readonly mn: string;
  readonly qn: string;
  readonly cn: string;
  readonly code: string;
  readonly detail: string;
}

const COLUMNS = { Rtd: 'rtd', Avg: 'avg', ZsAvg: 'zs_avg', Cou: 'cou' } as const;

/** Key of a value row: MN, CN, code and DataTime. */
export function valueKey(mn: string, cn: number, code: string, dataTime: number): string {
  return `${mn}|${cn}|${code}|${dataTime}`;
}

/** Every value of every acknowledged record that is missing from `rows` or differs. */
export function missingAckedValues(
  records: Iterable<AckedRecord>,
  rows: Iterable<StoredValueRow>,
): AckedProblem[] {
  const stored = new Map<string, StoredValueRow>();
  for (const r of rows) stored.set(valueKey(r.mn, r.cn, r.code, r.data_time), r);
  const out: AckedProblem[] = [];
  for (const rec of records) {
    const t = parseDataTime(rec.dataTime);
    for (const [code, item] of cpItems({ cp: rec.cp.map(([k, v]) => [k, v]) }).items) {
      const row = stored.get(valueKey(rec.mn, Number(rec.cn), code, t));
      const problem = (detail: string) =>
        out.push({ mn: rec.mn, qn: rec.qn, cn: rec.cn, code, detail });
      if (!row) {
        problem('缺少数据行');
        continue;
      }
      for (const [suffix, column] of Object.entries(COLUMNS)) {
        const v = item[suffix];
        if (v !== undefined && row[column] !== Number(v))
          problem(`${suffix} 应为 ${v}，库中为 ${row[column]}`);
      }
      if (item.Flag !== undefined && row.flag !== item.Flag)
        problem(`Flag 应为 ${item.Flag}，库中为 ${row.flag}`);
    }
  }
  return out;
}

/** Every hourly average of acknowledged air-station 2061 uploads missing from `readings`. */
export function missingAckedReadings(
  records: Iterable<AckedRecord>,
  rows: Iterable<StoredReadingRow>,
  pollutantOf: (code: string) => string | undefined,
): AckedProblem[] {
  const stored = new Map<string, number>();
  for (const r of rows) stored.set(`${r.station}|${r.pollutant}|${r.hour}`, r.value);
  const out: AckedProblem[] = [];
  for (const rec of records) {
    if (rec.cn !== '2061' || rec.kind !== 'air') continue;
    const hour = parseDataTime(rec.dataTime);
    for (const [code, item] of cpItems({ cp: rec.cp.map(([k, v]) => [k, v]) }).items) {
      const pollutant = pollutantOf(code);
      if (pollutant === undefined || item.Avg === undefined) continue;
      const v = stored.get(`${rec.target}|${pollutant}|${hour}`);
      if (v !== Number(item.Avg)) {
        out.push({
          mn: rec.mn,
          qn: rec.qn,
          cn: rec.cn,
          code,
          detail: v === undefined ? '缺少小时数据' : `小时值应为 ${item.Avg}，库中为 ${v}`,
        });
      }
    }
  }
  return out;
}
