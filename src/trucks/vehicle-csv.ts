/**
 * The vehicle registry sheet, saved from Excel as CSV (UTF-8). Header names in English or in
 * Chinese, any order: vin/车架号, plate/车牌号, plate_colour/车牌颜色, emission_stage/排放阶段,
 * fuel/燃料, county/区县代码, and optional owner/所属单位, fleet/车队, iccid, chip_id/芯片ID,
 * reply_mode/应答模式, layout/数据布局, sign_key/签名公钥. Rows are read independently; an unreadable row is reported
 * with its line number and the others go on.
 */
import { LantianError, type ErrorCode } from '../errors.ts';
import { parseCsvLine } from '../imports/csv-line.ts';
import { splitLines } from '../imports/text-file.ts';
import type { VehicleInput } from './rules/vehicle-rules.ts';

type Column = keyof VehicleInput;

const HEADERS: Record<string, Column> = {
  vin: 'vin',
  车架号: 'vin',
  车辆识别代号: 'vin',
  plate: 'plate',
  车牌号: 'plate',
  车牌号码: 'plate',
  plate_colour: 'plateColour',
  plate_color: 'plateColour',
  车牌颜色: 'plateColour',
  emission_stage: 'emissionStage',
  排放阶段: 'emissionStage',
  排放标准: 'emissionStage',
  fuel: 'fuel',
  燃料: 'fuel',
  燃料类型: 'fuel',
  county: 'county',
  区县代码: 'county',
  行政区划代码: 'county',
  owner: 'owner',
  所属单位: 'owner',
  车主: 'owner',
  fleet: 'fleet',
  车队: 'fleet',
  iccid: 'iccid',
  chip_id: 'chipId',
  芯片id: 'chipId',
  reply_mode: 'replyMode',
  应答模式: 'replyMode',
  layout: 'layout',
  数据布局: 'layout',
  sign_key: 'signKey',
  签名公钥: 'signKey',
};

/** Columns every sheet must have. */
export const REQUIRED_VEHICLE_COLUMNS: readonly Column[] = [
  'vin',
  'plate',
  'plateColour',
  'emissionStage',
  'fuel',
  'county',
];

/** A row that could not be read at all. */
export interface VehicleCsvProblem {
  line: number;
  vin: string;
  status: 'rejected';
  code: ErrorCode;
  field: string;
  detail: string;
}

/** Parsed rows and unreadable rows. */
export interface VehicleCsv {
  rows: Array<{ line: number; input: VehicleInput }>;
  problems: VehicleCsvProblem[];
}

/** Parses the sheet; LT_ERR_CSV_HEADER when a required column is missing. */
export function parseVehicleCsv(text: string): VehicleCsv {
  const { lines } = splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const head = parseCsvLine(lines[0] ?? '');
  const columns = head.ok ? head.fields.map((f) => HEADERS[f.trim().toLowerCase()] ?? null) : [];
  const missing = REQUIRED_VEHICLE_COLUMNS.filter((c) => !columns.includes(c));
  if (!head.ok || missing.length > 0) {
    throw new LantianError(
      'LT_ERR_CSV_HEADER',
      `应包含 vin,plate,plate_colour,emission_stage,fuel,county（或中文表头 车架号、车牌号、车牌颜色、排放阶段、燃料、区县代码）${missing.length ? `，缺少 ${missing.join(',')}` : ''}`,
    );
  }
  const out: VehicleCsv = { rows: [], problems: [] };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l.trim() || l.trimStart().startsWith('#')) continue;
    const line = i + 1;
    const p = parseCsvLine(l);
    if (!p.ok || p.fields.length !== columns.length) {
      out.problems.push({
        line,
        vin: '',
        status: 'rejected',
        code: 'LT_ERR_BAD_VEHICLE',
        field: '',
        detail: p.ok ? `列数应为 ${columns.length}，实为 ${p.fields.length}` : '引号未闭合',
      });
      continue;
    }
    const input: VehicleInput = {
      vin: '',
      plate: '',
      plateColour: '',
      emissionStage: '',
      fuel: '',
      county: '',
    };
    columns.forEach((c, k) => {
      if (c !== null) input[c] = (p.fields[k] ?? '').trim();
    });
    out.rows.push({ line, input });
  }
  return out;
}
