/**
 * Exporting the registry in the bureau's form (rules/registry-form.ts): the enterprises a caller
 * may see and their outlets, as a workbook (企业, 排放口 and 填表说明 sheets) or as a CSV of one
 * table. Importing the export gives the same registry back.
 */
import ExcelJS from 'exceljs';
import type { Principal } from '../../auth/principal.ts';
import type { Db } from '../../store/db.ts';
import { enterpriseVisibility } from '../enterprise-scope.ts';
import {
  ENTERPRISE_COLUMNS,
  FORM_NAMES,
  OUTLET_COLUMNS,
  enterpriseRow,
  outletRow,
  type RegistryForm,
} from '../rules/registry-form.ts';
import { listEnterprises } from './enterprise-repo.ts';
import { limitsOf, linesOf, mnsOf, outletsOf } from './parts-repo.ts';
import { enterpriseView, outletView } from './registry-views.ts';

/** The two tables as rows of cells (headers first). */
export type RegistryForms = Record<RegistryForm, string[][]>;

/** The form's tables of every enterprise the principal may see. */
export async function registryForms(db: Db, p: Principal): Promise<RegistryForms> {
  const v = await enterpriseVisibility(db, p);
  const { rows } = await listEnterprises(db.kysely, v, {}, { limit: 1_000_000, offset: 0 });
  const ids = rows.map((e) => e.id);
  const lines = await linesOf(db.kysely, ids);
  const outlets = await outletsOf(db.kysely, ids);
  const outletIds = outlets.map((o) => o.id);
  const mns = await mnsOf(db.kysely, outletIds);
  const limits = await limitsOf(db.kysely, outletIds);
  const codeOf = new Map(rows.map((e) => [e.id, e.credit_code]));
  return {
    enterprises: [[...ENTERPRISE_COLUMNS], ...rows.map((e) => enterpriseRow(enterpriseView(e)))],
    outlets: [
      [...OUTLET_COLUMNS],
      ...outlets
        .map((o) => ({ o, code: codeOf.get(o.enterprise_id!)! }))
        .sort((a, b) => a.code.localeCompare(b.code) || a.o.code.localeCompare(b.o.code))
        .map(({ o, code }) => outletRow(code, outletView(o, lines, mns.get(o.id) ?? [], limits))),
    ],
  };
}

const HELP: ReadonlyArray<[string, string]> = [
  ['企业表', '每行一家企业，按统一社会信用代码对应；已登记的企业按表中内容更新。'],
  ['统一社会信用代码', '18 位，按 GB 32100 校验（不含 I、O、Z、S、V）。'],
  ['县区代码', '6 位行政区划代码，须已登记。'],
  ['行业', '行业代码表中的中文名或代码（39 个重点行业、燃煤电厂、其他）。'],
  ['管控类别', '超低排放重点企业、工业炉窑、粉状物料、VOCs重点、LDAR、燃气锅炉，多个用“、”分隔。'],
  ['绩效等级', 'A+（仅 2026 版）、A、引领性、B、B-、C、D；填写时须写分级依据版本 2020 或 2026。'],
  [
    '是/否列',
    '正面清单、保障类、重点排污单位、须按小时上报：填 是 或 否；列入正面清单或保障类须写理由。',
  ],
  ['排放口表', '每行一个排放口，排放口编码全市唯一；统一社会信用代码为所属企业。'],
  ['监测因子', 'HJ 212-2017 编码，如 a34013;a21026;a21002。'],
  [
    '设备MN',
    '为该排放口上报的 HJ 212 设备 MN（须已登记），多个用“;”分隔；已为其他企业排放口上报的设备不能填。',
  ],
  [
    '限值',
    '污染物编码=限值[@基准氧含量][（依据）]，用“;”分隔，如 a21026=35@8; a21002=50；未写依据的用“限值依据”列。',
  ],
  ['导入', '任何一行有问题则全部不导入，并列出文件、行号、列和原因。'],
];

/** The workbook of the form. */
export async function registryXlsx(forms: RegistryForms): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '蓝天 Lantian';
  wb.created = new Date(0);
  for (const form of ['enterprises', 'outlets'] as const) {
    const ws = wb.addWorksheet(FORM_NAMES[form], { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = forms[form][0]!.map((h) => ({ width: Math.max(10, h.length * 2 + 2) }));
    for (const row of forms[form]) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    // Codes and numbers stay text, as typed (credit codes, MNs, adcodes are not numbers).
    ws.eachRow((r) => r.eachCell((c) => (c.numFmt = '@')));
  }
  const help = wb.addWorksheet('填表说明');
  help.columns = [{ width: 18 }, { width: 100 }];
  for (const l of HELP) help.addRow([...l]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvField = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One table as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese). */
export function registryCsv(rows: readonly string[][]): string {
  return '\ufeff' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
