/**
 * `lantian report monthly`: the monthly bulletin as Excel, PDF and JSON files; progress on
 * stderr. Every file is rendered before any is written, and a failure leaves none behind.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { LantianError } from '../../errors.ts';
import { tablesToXlsx } from '../../reports/excel-report.ts';
import { buildMonthlyReport } from '../../reports/monthly-report.ts';
import { resolveCjkFont } from '../../reports/cjk-pdf.ts';
import { monthlyReportPdf } from '../../reports/pdf-report.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { stderrProgress } from '../progress-bar.ts';
import { writeAllOrNothing, type OutputFile } from '../write-all-or-nothing.ts';

const FORMATS = ['xlsx', 'pdf', 'json'] as const;

/** Registers the report commands. */
export function registerReportCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const report = program.command('report').description('报表');
  report
    .command('monthly')
    .description('月度通报：排名、时序进度、主城区对比和通知建议（Excel 与 PDF）')
    .requiredOption('--plan <id>', '方案编号，如 handan-2020')
    .requiredOption('--month <yyyy-mm>', '月份，如 2020-11')
    .option('--out <dir>', '输出目录', '.')
    .option('--format <list>', `输出格式，逗号分隔（${FORMATS.join(',')}）`, 'xlsx,pdf')
    .option('--plan-version <n>', '方案版本（默认最新已发布版本）')
    .option(
      '--font <path>',
      '中文字体文件 TTF/OTF，字体集合写作 文件.ttc#字体名（默认为蓝天自带的思源黑体 Noto Sans SC，或环境变量 LANTIAN_REPORT_FONT）',
    )
    .option('--quiet', '不显示进度')
    .action(
      async (o: {
        plan: string;
        month: string;
        out: string;
        format: string;
        planVersion?: string;
        font?: string;
        quiet?: boolean;
      }) => {
        const formats = o.format
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean);
        for (const f of formats)
          if (!(FORMATS as readonly string[]).includes(f))
            throw new LantianError(
              'LT_ERR_BAD_REQUEST',
              `--format 只能是 ${FORMATS.join('、')}，收到 "${f}"`,
            );
        const font = formats.includes('pdf')
          ? resolveCjkFont(o.font ?? process.env['LANTIAN_REPORT_FONT'])
          : undefined;
        const progress = stderrProgress(!!o.quiet);
        await withStore(g(), async (db) => {
          const r = await buildMonthlyReport(db, o.plan, o.month, {
            ...(o.planVersion !== undefined ? { version: Number(o.planVersion) } : {}),
            progress,
          });
          const base = join(o.out, `${o.plan}-${o.month}`);
          progress.start('写出文件', formats.length);
          const files: OutputFile[] = [];
          for (const f of formats) {
            const path = `${base}.${f}`;
            if (f === 'xlsx')
              files.push({
                path,
                data: await tablesToXlsx(r.tables, { title: `${r.plan.name} ${r.period.title}` }),
              });
            if (f === 'pdf') files.push({ path, data: await monthlyReportPdf(r, { font }) });
            if (f === 'json')
              files.push({
                path,
                data: JSON.stringify(
                  { plan: r.plan, period: r.period, tables: r.tables, simulated: r.simulated },
                  null,
                  2,
                ),
              });
            progress.tick(1);
          }
          progress.stop();
          writeAllOrNothing(files);
          for (const f of files) process.stdout.write(`${f.path}\n`);
        });
      },
    );
}
