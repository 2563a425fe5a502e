/**
 * `lantian enterprise …`: the enterprise registry (docs/sources.md, Registry) — import the
 * bureau's form (.xlsx or CSV, all or nothing), list with filters, show one enterprise, export.
 * The local operator acts as the city office.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import {
  CATEGORIES,
  GRADES,
  FACILITY_KINDS,
  OUTLET_KINDS,
} from '../../sources/rules/registry-codes.ts';
import { FORM_NAMES } from '../../sources/rules/registry-form.ts';
import { enterpriseDetail, enterprisePage } from '../../sources/registry/enterprise-service.ts';
import {
  registryCsv,
  registryForms,
  registryXlsx,
} from '../../sources/registry/registry-export.ts';
import { readRegistryFile } from '../../sources/registry/registry-files.ts';
import { importRegistry } from '../../sources/registry/registry-import-service.ts';
import type {
  EnterpriseDetailView,
  EnterpriseView,
} from '../../sources/registry/registry-views.ts';
import { operatorActor } from '../../tasks/task-context.ts';
import { cliActor } from '../cli-actor.ts';
import { readInputFile } from '../read-input-file.ts';
import { withStore, type GlobalOptions } from '../context.ts';

const out = (s: string): void => void process.stdout.write(s + '\n');

const named = (list: Readonly<Record<string, string>>, code: string): string => list[code] ?? code;

function summary(e: EnterpriseView): string {
  const grade = e.grade ? `${named(GRADES, e.grade)}级（${e.gradeEdition}版）` : '未评级';
  const cats = e.categories.map((c) => named(CATEGORIES, c)).join('、') || '—';
  return `${e.creditCode}  ${e.name}  ${e.regionName ?? e.regionAdcode}  ${e.industryName}  ${grade}  ${cats}`;
}

function printDetail(d: EnterpriseDetailView): void {
  out(`${d.name}（${d.creditCode}）${d.simulated ? ' 模拟' : ''}`);
  out(`  县区：${d.regionName ?? ''}（${d.regionAdcode}）  地址：${d.address ?? '—'}`);
  out(
    `  行业：${d.industryName}  管控类别：${d.categories.map((c) => named(CATEGORIES, c)).join('、') || '—'}`,
  );
  out(
    `  绩效等级：${d.grade ? `${named(GRADES, d.grade)}（${d.gradeEdition} 版，${d.gradeDate ?? '日期未填'}）` : '未评级'}` +
      `  重点排污单位：${d.keyDischarger ? '是' : '否'}`,
  );
  if (d.positiveList) out(`  正面清单：${d.positiveReason}（至 ${d.positiveUntil ?? '长期'}）`);
  if (d.guarantee) out(`  保障类：${d.guaranteeReason}（至 ${d.guaranteeUntil ?? '长期'}）`);
  out(`  生产线 ${d.lines.length} 条`);
  for (const l of d.lines)
    out(
      `    ${l.code} ${l.name}${l.process ? ` ${l.process}` : ''}${l.capacity ? ` ${l.capacity}` : ''}`,
    );
  out(`  治污设施 ${d.facilities.length} 套`);
  for (const f of d.facilities)
    out(
      `    ${f.code} ${f.name} ${named(FACILITY_KINDS, f.kind)}${f.line ? ` 生产线 ${f.line}` : ''}`,
    );
  out(`  排放口 ${d.outlets.length} 个`);
  for (const o of d.outlets) {
    out(
      `    ${o.code} ${o.name} ${named(OUTLET_KINDS, o.kind)}${o.heightM === null ? '' : ` ${o.heightM} m`}` +
        `  因子 ${o.pollutants.join('、') || '—'}  基准氧 ${o.refO2 === null ? '—' : `${o.refO2}%`}  设备 ${o.mns.join('、') || '未挂接'}`,
    );
    for (const l of o.limits)
      out(
        `      限值 ${l.pollutant} ${l.limit} mg/m³${l.refO2 === null ? '' : `（O2 ${l.refO2}%）`} 依据 ${l.basis}`,
      );
  }
}

/** Registers `enterprise`. */
export function registerEnterpriseCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const operator = operatorActor(cliActor());
  const cmd = program
    .command('enterprise')
    .description('企业名录：企业、生产线、治污设施、排放口与限值');

  cmd
    .command('import <files...>')
    .description(
      '导入企业名录（.xlsx 含“企业”“排放口”表，或其中一张表的 CSV）；任何一行有问题则全部不导入',
    )
    .action(async (files: string[]) => {
      await withStore(g(), async (db, config) => {
        const r = await importRegistry(
          db,
          systemClock,
          operator.principal,
          operator.ctx,
          async () => {
            const tables = [];
            for (const f of files)
              tables.push(...(await readRegistryFile(readInputFile(f), f, config.tasks)));
            return tables;
          },
        );
        out(
          `已导入：企业新增 ${r.enterprises.created} 家、更新 ${r.enterprises.updated} 家；` +
            `排放口新增 ${r.outlets.created} 个、更新 ${r.outlets.updated} 个（其中挂接原有排放口 ${r.outlets.linked} 个）`,
        );
      });
    });

  cmd
    .command('list')
    .description('企业列表')
    .option('--county <adcode>', '县（市、区）行政区划代码')
    .option('--industry <code>', '行业代码或中文名')
    .option('--grade <grade>', '绩效等级')
    .option('--category <code>', '管控类别')
    .option('--json', '输出 JSON')
    .action(
      async (o: {
        county?: string;
        industry?: string;
        grade?: string;
        category?: string;
        json?: boolean;
      }) => {
        await withStore(g(), async (db) => {
          const page = await enterprisePage(db, operator.principal, {
            ...o,
            limit: 1_000_000,
            offset: 0,
          });
          if (o.json) return out(JSON.stringify(page.items));
          for (const e of page.items) out(summary(e));
          out(`共 ${page.total} 家企业`);
        });
      },
    );

  cmd
    .command('show <code>')
    .description('企业详情：生产线、治污设施、排放口、设备 MN 与限值')
    .option('--json', '输出 JSON')
    .action(async (code: string, o: { json?: boolean }) => {
      await withStore(g(), async (db) => {
        const d = await enterpriseDetail(db, operator.principal, code);
        if (o.json) out(JSON.stringify(d));
        else printDetail(d);
      });
    });

  cmd
    .command('export <file>')
    .description(
      '导出企业名录：.xlsx（企业、排放口两张表），或 .csv（写 <名>-企业.csv 与 <名>-排放口.csv）',
    )
    .action(async (file: string) => {
      await withStore(g(), async (db) => {
        const forms = await registryForms(db, operator.principal);
        if (/\.csv$/i.test(file)) {
          for (const form of ['enterprises', 'outlets'] as const) {
            const path = file.replace(/\.csv$/i, `-${FORM_NAMES[form]}.csv`);
            writeFileSync(path, registryCsv(forms[form]));
            out(`已写出 ${path}（${forms[form].length - 1} 行）`);
          }
        } else {
          writeFileSync(file, await registryXlsx(forms));
          out(
            `已写出 ${file}（企业 ${forms.enterprises.length - 1} 家，排放口 ${forms.outlets.length - 1} 个）`,
          );
        }
      });
    });
}
