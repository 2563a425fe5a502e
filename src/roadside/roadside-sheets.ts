/**
 * The column titles of the two imported tables (docs/mobile-sources.md) and reading a .csv or
 * .xlsx upload into rows of titled cells (src/tasks/uploaded-table.ts; an .xlsx is read in the
 * sheet process within the key-task sheet limits).
 */
import { parseCsvLine } from '../imports/csv-line.ts';
import { LantianError } from '../errors.ts';
import type { TableRow } from '../tasks/sheet-read.ts';
import type { TasksConfig } from '../tasks/task-config.ts';
import { csvUploadLines, readUploadedTable, type UploadedTable } from '../tasks/uploaded-table.ts';

/** Columns of the record table; the first four are required. */
export const RECORD_COLUMNS = {
  device: '设备编号',
  time: '监测时间',
  plate: '车牌号码',
  colour: '车牌颜色',
  recordId: '记录编号',
  place: '地点',
  vin: 'VIN',
  co: 'CO(%)',
  hc: 'HC(ppm)',
  no: 'NO(ppm)',
  opacity: '不透光度(m-1)',
  ringelmann: '林格曼黑度',
  verdict: '结论',
  photos: '照片',
} as const;

/** Columns of the inspection table; all but VIN are required. */
export const INSPECTION_COLUMNS = {
  plate: '车牌号码',
  colour: '车牌颜色',
  vin: 'VIN',
  stationCode: '检验机构编号',
  stationName: '检验机构名称',
  serial: '检验流水号',
  date: '检验日期',
  result: '检验结论',
} as const;

/** Required record columns. */
export const RECORD_REQUIRED = [
  RECORD_COLUMNS.device,
  RECORD_COLUMNS.time,
  RECORD_COLUMNS.plate,
  RECORD_COLUMNS.colour,
];

/** Required inspection columns. */
export const INSPECTION_REQUIRED = Object.values(INSPECTION_COLUMNS).filter((c) => c !== 'VIN');

function csvReader(required: readonly string[]) {
  return (filename: string, data: Uint8Array): UploadedTable => {
    const lines = csvUploadLines(filename, data);
    const head = parseCsvLine(lines[0] ?? '');
    const titles = head.ok ? head.fields.map((f) => f.trim()) : [];
    const missing = required.filter((t) => !titles.includes(t));
    if (missing.length > 0)
      throw new LantianError('LT_ERR_CSV_HEADER', `${filename}：缺少列 ${missing.join('、')}`);
    const rows: TableRow[] = [];
    const issues: UploadedTable['issues'] = [];
    lines.slice(1).forEach((line, i) => {
      if (line.trim() === '') return;
      const p = parseCsvLine(line);
      if (!p.ok || p.fields.length !== titles.length) {
        issues.push({
          row: i + 2,
          column: null,
          code: 'LT_ERR_CSV_ROW',
          detail: '列数不对或引号未闭合',
        });
        return;
      }
      rows.push({
        row: i + 2,
        cells: Object.fromEntries(titles.map((t, j) => [t, p.fields[j]!.trim()])),
      });
    });
    return { rows, issues };
  };
}

/** The rows of an uploaded table (.csv or .xlsx) with the given required titles. */
export function readRoadsideTable(
  filename: string,
  data: Uint8Array,
  sheetName: string,
  required: readonly string[],
  sheets: TasksConfig,
): Promise<UploadedTable> {
  return readUploadedTable(
    filename,
    data,
    { name: sheetName, required, anchor: required[0]! },
    sheets,
    csvReader(required),
  );
}
