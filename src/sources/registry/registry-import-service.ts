/**
 * Importing the registry from the bureau's form (rules/registry-form.ts), all or nothing: every
 * row is checked — credit code, county, industry, grade, outlet code, MNs, limits, duplicates
 * within the files — and then stored in one transaction in which the store's own refusals (an
 * outlet code or a device of another enterprise, an unregistered MN) are collected per row too.
 * Any problem refuses the whole import with LT_ERR_IMPORT_REJECTED listing file, row, column and
 * a stable code; nothing is stored. Enterprises are matched by credit code and outlets by code, so
 * importing an export again changes nothing but the update times.
 */
import type { ActorContext } from '../../audit/actor.ts';
import { recordAudit } from '../../audit/audit-log.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import {
  checkEnterprise,
  type FieldIssue,
  type ValidEnterprise,
} from '../rules/enterprise-input.ts';
import { checkOutlet, type ValidOutlet } from '../rules/outlet-input.ts';
import { enterpriseOfRow, outletOfRow } from '../rules/registry-form.ts';
import { existingRegions, findEnterprise } from './enterprise-repo.ts';
import { storeEnterprise } from './enterprise-service.ts';
import { industryOf } from './industry-list.ts';
import { storeOutlet } from './outlet-service.ts';
import { assertRegistryWriter } from './registry-access.ts';
import type { RegistryTable } from './registry-files.ts';

/** A refused row. */
export interface RegistryIssue {
  source: string;
  row: number;
  column: string | null;
  code: string;
  detail: string;
}

/** What an import stored. */
export interface RegistryImportResult {
  enterprises: { created: number; updated: number };
  outlets: { created: number; updated: number; linked: number };
}

interface Located {
  source: string;
  row: number;
}

/** The form's column of a field of a registration (for the issue list). */
const COLUMN: Readonly<Record<string, string>> = {
  creditCode: '统一社会信用代码',
  name: '企业名称',
  regionAdcode: '县区代码',
  industry: '行业',
  categories: '管控类别',
  grade: '绩效等级',
  gradeEdition: '分级依据版本',
  gradeDate: '评级日期',
  positiveReason: '正面清单理由',
  positiveUntil: '正面清单有效期至',
  guaranteeReason: '保障类理由',
  guaranteeUntil: '保障类有效期至',
  lon: '经度',
  lat: '纬度',
  code: '排放口编码',
  kind: '类型',
  heightM: '排气筒高度(m)',
  pollutants: '监测因子',
  refO2: '基准氧含量(%)',
  mns: '设备MN',
  limits: '限值(mg/m³)',
  line: '生产线',
};

const issueOf = (at: Located, i: FieldIssue): RegistryIssue => ({
  ...at,
  column: COLUMN[i.field] ?? i.field,
  code: i.code,
  detail: i.detail,
});

/** Checks the enterprise rows: each row, duplicates, counties. */
async function checkEnterpriseRows(
  db: Db,
  tables: readonly RegistryTable[],
  issues: RegistryIssue[],
): Promise<Array<Located & { v: ValidEnterprise }>> {
  const out: Array<Located & { v: ValidEnterprise }> = [];
  const seen = new Map<string, number>();
  const regions: Array<Located & { adcode: string }> = [];
  for (const t of tables.filter((x) => x.form === 'enterprises'))
    for (const r of t.rows) {
      const at = { source: t.source, row: r.row };
      const { input, issues: cellIssues } = enterpriseOfRow(r.cells);
      issues.push(...cellIssues.map((i) => issueOf(at, i)));
      if (/^\d{6}$/.test(input.regionAdcode)) regions.push({ ...at, adcode: input.regionAdcode });
      const c = checkEnterprise(input, (s) => industryOf(s)?.code);
      if (!c.ok) {
        issues.push(...c.issues.map((i) => issueOf(at, i)));
        continue;
      }
      const first = seen.get(c.value.creditCode);
      if (first !== undefined) {
        issues.push(
          issueOf(at, {
            field: 'creditCode',
            code: 'LT_ERR_ENTERPRISE_EXISTS',
            detail: `与第 ${first} 行重复`,
          }),
        );
        continue;
      }
      seen.set(c.value.creditCode, r.row);
      out.push({ ...at, v: c.value });
    }
  const known = await existingRegions(db.kysely, [...new Set(regions.map((e) => e.adcode))]);
  for (const e of regions)
    if (!known.has(e.adcode))
      issues.push(
        issueOf(e, {
          field: 'regionAdcode',
          code: 'LT_ERR_REGION_NOT_FOUND',
          detail: `县区代码 ${e.adcode} 未登记`,
        }),
      );
  return out;
}

/** Checks the outlet rows: each row, its enterprise, duplicate codes and MNs within the files. */
async function checkOutletRows(
  db: Db,
  tables: readonly RegistryTable[],
  enterprises: ReadonlySet<string>,
  issues: RegistryIssue[],
): Promise<Array<Located & { creditCode: string; v: ValidOutlet }>> {
  const out: Array<Located & { creditCode: string; v: ValidOutlet }> = [];
  const codes = new Map<string, number>();
  const mns = new Map<string, number>();
  for (const t of tables.filter((x) => x.form === 'outlets'))
    for (const r of t.rows) {
      const at = { source: t.source, row: r.row };
      const { creditCode, input, issues: cellIssues } = outletOfRow(r.cells);
      issues.push(...cellIssues.map((i) => issueOf(at, i)));
      const code = creditCode.toUpperCase();
      if (!enterprises.has(code) && !(await findEnterprise(db.kysely, code)))
        issues.push(
          issueOf(at, {
            field: 'creditCode',
            code: 'LT_ERR_ENTERPRISE_NOT_FOUND',
            detail: `企业 ${creditCode} 未登记，也不在企业表中`,
          }),
        );
      const c = checkOutlet(input);
      if (!c.ok) {
        issues.push(...c.issues.map((i) => issueOf(at, i)));
        continue;
      }
      const first = codes.get(c.value.code);
      if (first !== undefined)
        issues.push(
          issueOf(at, {
            field: 'code',
            code: 'LT_ERR_REGISTRY_CODE_EXISTS',
            detail: `排放口编码 ${c.value.code} 与第 ${first} 行重复`,
          }),
        );
      else codes.set(c.value.code, r.row);
      for (const mn of c.value.mns) {
        const m = mns.get(mn);
        if (m !== undefined)
          issues.push(
            issueOf(at, {
              field: 'mns',
              code: 'LT_ERR_OUTLET_MN_TAKEN',
              detail: `MN ${mn} 与第 ${m} 行重复`,
            }),
          );
        else mns.set(mn, r.row);
      }
      out.push({ ...at, creditCode: code, v: c.value });
    }
  return out;
}

function rejected(issues: RegistryIssue[]): LantianError {
  issues.sort((a, b) => a.source.localeCompare(b.source) || a.row - b.row);
  return new LantianError('LT_ERR_IMPORT_REJECTED', `${issues.length} 处问题`, {
    issues,
    sampleIssues: issues.slice(0, 20).map((i) => ({
      file: i.source,
      line: i.row,
      field: i.column,
      code: i.code,
      detail: i.detail,
    })),
  });
}

/**
 * Imports the tables `read` reads from one or more files (all or nothing); nothing is read unless
 * the principal may change the registry.
 */
export async function importRegistry(
  db: Db,
  clock: Clock,
  p: Principal,
  who: ActorContext,
  read: () => Promise<readonly RegistryTable[]>,
): Promise<RegistryImportResult> {
  await assertRegistryWriter(db, p);
  const tables = await read();
  const issues: RegistryIssue[] = [];
  const enterprises = await checkEnterpriseRows(db, tables, issues);
  const outlets = await checkOutletRows(
    db,
    tables,
    new Set(enterprises.map((e) => e.v.creditCode)),
    issues,
  );
  if (issues.length > 0) throw rejected(issues);
  const now = clock.now();
  const result: RegistryImportResult = {
    enterprises: { created: 0, updated: 0 },
    outlets: { created: 0, updated: 0, linked: 0 },
  };
  await db.kysely.transaction().execute(async (trx) => {
    for (const e of enterprises) {
      const s = await storeEnterprise(trx, e.v, now);
      result.enterprises[s.created ? 'created' : 'updated']++;
    }
    for (const o of outlets) {
      const e = (await findEnterprise(trx, o.creditCode))!;
      try {
        const s = await storeOutlet(trx, e, o.v, now, { limits: true });
        result.outlets[s.created ? 'created' : 'updated']++;
        if (s.linked) result.outlets.linked++;
      } catch (err) {
        if (!(err instanceof LantianError)) throw err;
        const field = typeof err.extra?.['field'] === 'string' ? err.extra['field'] : 'code';
        issues.push(issueOf(o, { field, code: err.code, detail: err.detail ?? err.message }));
      }
    }
    // Refusals of the store roll everything back.
    if (issues.length > 0) throw rejected(issues);
    await recordAudit(trx, now, {
      ...who,
      action: 'enterprise.import',
      target: 'enterprises',
      detail: { sources: [...new Set(tables.map((t) => t.source))], ...result },
    });
  });
  return result;
}
