/**
 * Turns the CP area of an upload (CN 2011/2051/2061/2031) into device_values rows, and the
 * hourly averages of an air station (ST=22, CN 2061) into `readings` rows. One pass over the CP
 * pairs, no intermediate objects: pairs of one code are usually adjacent (HJ 212-2017 Table 4
 * joins them with ','), so the row of the current code is found at the end of the batch.
 */
import { normalizePollutant } from '../../air/pollutant-names.ts';
import type { Hj212Packet } from '../../protocols/hj212/index.ts';
import { offsetMinutes } from '../../time/zoned-time.ts';
import { valueBucket } from '../value-key.ts';
import type { CodeMapping } from '../../devices/aliases.ts';
import type { DeviceEntry } from './device-cache.ts';
import { invalidKey, ValuePlausibility } from '../rules/value-plausibility.ts';
import type { IngestBatch } from './value-batch.ts';
import { HOUR_MS } from '../../standards/local-date.ts';

/** Pollutants that feed `readings` (the stored codes of src/air/pollutant-names.ts). */
const READING_POLLUTANTS: ReadonlySet<string> = new Set([
  'SO2',
  'NO2',
  'PM10',
  'PM2.5',
  'CO',
  'O3',
  'NO',
  'NOx',
  'TSP',
  'PM1',
]);

function scaled(v: number, factor: number): number {
  // Decimal factors (×1000, ×0.001) must not leave binary noise such as 35.00000000000001.
  return factor === 1 ? v : Number((v * factor).toPrecision(12));
}

const DEFAULT_PLAUSIBILITY = new ValuePlausibility();

function addExtra(batch: IngestBatch, row: number, suffix: string, value: string): void {
  const prev = batch.extra[row];
  const o = prev === null || prev === undefined ? {} : (JSON.parse(prev) as Record<string, string>);
  if (!Object.hasOwn(o, suffix)) o[suffix] = value;
  batch.extra[row] = JSON.stringify(o);
}

/**
 * Appends the values of one upload to the batch; returns how many codes it carried. `dataTime`
 * is the DataTime as epoch ms (interval start for 2051/2061/2031, instant for 2011).
 */
export function appendUpload(
  batch: IngestBatch,
  dev: DeviceEntry,
  p: Hj212Packet,
  cn: number,
  dataTime: number,
  receivedAt: number,
  plausibility: ValuePlausibility = DEFAULT_PLAUSIBILITY,
): number {
  const start = batch.n;
  const minute = valueBucket(dataTime);
  const edition2005 = p.version === '2005';
  const cp = p.cp;
  // The previous pair's code and row: pairs of one code are adjacent (`a21026-Avg=…,a21026-Min=…`),
  // so most pairs need neither a slice, nor a map lookup, nor a row search.
  let prevCode = '';
  let prevRow = -1;
  let m: CodeMapping | undefined;
  for (let k = 0; k < cp.length; k++) {
    const pair = cp[k]!;
    const key = pair[0];
    const dash = key.lastIndexOf('-');
    if (dash <= 0) continue; // DataTime and other keys without a code stay in the raw archive
    let row: number;
    if (dash === prevCode.length && key.startsWith(prevCode)) row = prevRow;
    else {
      prevCode = key.slice(0, dash);
      m = dev.codes.get(prevCode, edition2005);
      row = -1;
      for (let i = batch.n - 1; i >= start; i--) {
        if (batch.code[i] === m.code) {
          row = i;
          break;
        }
      }
      if (row < 0) row = batch.addRow(minute, dev.id, cn, m.code, dataTime, receivedAt);
      prevRow = row;
    }
    const suffix = key.slice(dash + 1);
    const value = pair[1];
    let column: Array<number | null> | undefined;
    switch (suffix) {
      // HJ 212-2017 Table 4 suffixes (docs/standards/hj212.md §1.5).
      case 'Rtd':
        column = batch.rtd;
        break;
      case 'Avg':
        column = batch.avg;
        break;
      case 'Min':
        column = batch.min;
        break;
      case 'Max':
        column = batch.max;
        break;
      case 'ZsRtd':
        column = batch.zsRtd;
        break;
      case 'ZsAvg':
        column = batch.zsAvg;
        break;
      case 'ZsMin':
        column = batch.zsMin;
        break;
      case 'ZsMax':
        column = batch.zsMax;
        break;
      case 'Cou':
        column = batch.cou;
        break;
      case 'Flag':
        if (batch.flag[row] === null) batch.flag[row] = value;
        else addExtra(batch, row, suffix, value);
        continue;
      case 'EFlag':
        if (batch.eflag[row] === null) batch.eflag[row] = value;
        else addExtra(batch, row, suffix, value);
        continue;
      default:
        addExtra(batch, row, suffix, value);
        continue;
    }
    // Not a plain decimal, or implausible: kept as text with its reason, never as a number
    // (rules/value-plausibility.ts), so it reaches neither readings nor statistics.
    const factor = m!.factor;
    const r = plausibility.read(dev.kind, m!.code, suffix, value, (v) => scaled(v, factor));
    if (!r.ok) {
      addExtra(batch, row, suffix, value);
      addExtra(batch, row, invalidKey(suffix), r.reason);
    } else if (column[row] !== null) addExtra(batch, row, suffix, value);
    else column[row] = r.value;
  }
  if (cn === 2061 && dev.stationId !== null) addHourlyReadings(batch, dev, start, dataTime);
  return batch.n - start;
}

/**
 * Air-station hourly averages also become hourly readings (key hour = start of the hour, the
 * HJ 212 DataTime convention, docs/standards/hj212.md §1.5), flag kept as received.
 */
function addHourlyReadings(
  batch: IngestBatch,
  dev: DeviceEntry,
  start: number,
  dataTime: number,
): void {
  const off = offsetMinutes(dev.timeZone, dataTime) * 60_000;
  const hour = dataTime - ((((dataTime + off) % HOUR_MS) + HOUR_MS) % HOUR_MS);
  for (let i = start; i < batch.n; i++) {
    const avg = batch.avg[i];
    if (avg === null || avg === undefined) continue;
    const pollutant = normalizePollutant(batch.code[i]!);
    if (pollutant === undefined || !READING_POLLUTANTS.has(pollutant)) continue;
    batch.addReading(hour, dev.stationId!, pollutant, avg, batch.flag[i] ?? null, dev.sourceId);
  }
}
