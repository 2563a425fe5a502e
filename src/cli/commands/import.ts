/** `lantian import prsa|csv`: load monitoring data from files. */
import type { Command } from 'commander';
import { importLongCsv } from '../../imports/long-csv-import.ts';
import { importPrsa } from '../../imports/prsa-import.ts';
import { importIssueName } from '../../imports/import-issue.ts';
import type { ImportSummary } from '../../imports/import-summary.ts';
import type { HourLabel } from '../../imports/prsa-parse.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { importRefusal } from '../import-refusal.ts';
import { stderrProgress } from '../progress-bar.ts';
import { parseChoice } from '../options.ts';

/** Prints an import summary in Chinese (or as JSON). */
export function printImportSummary(s: ImportSummary, json: boolean, refused = false): void {
  if (json) {
    process.stdout.write(JSON.stringify(s) + '\n');
    return;
  }
  const lines = [
    `${refused ? '导入结束，有文件未能完整导入' : '导入完成'}（来源编号 ${s.sourceId}，用时 ${(s.elapsedMs / 1000).toFixed(1)} 秒）`,
    `  文件 ${s.files.length} 个，读取小时数据 ${s.readings} 条：新增或更新 ${s.written} 条，未变化 ${s.unchanged} 条`,
    `  时间范围 ${s.from ?? '—'} 至 ${s.to ?? '—'}，计算站点日统计 ${s.stationDays} 条`,
  ];
  const counts = Object.entries(s.issues);
  if (counts.length > 0) {
    lines.push(
      `  跳过：${counts.map(([c, n]) => `${importIssueName(c)} ${n} 个`).join('，')}（全部记录在 import_issues 表，来源编号 ${s.sourceId}）`,
    );
    for (const i of s.sampleIssues)
      lines.push(`    ${i.file}:${i.line}${i.field ? ` [${i.field}]` : ''} ${i.detail}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/** Registers the import commands. */
export function registerImportCommands(program: Command): void {
  const imp = program.command('import').description('导入监测数据');
  imp
    .command('prsa')
    .description(
      '导入北京 12 个国控站点数据集（UCI PRSA，PRSA_Data_*.csv，可为 .gz），作为北京市（110000）',
    )
    .argument('<dir>', '数据集目录')
    .option(
      '--hour-label <start|end>',
      '文件中 hour 表示小时的开始（start，默认）还是结束（end）',
      'start',
    )
    .option('--json', '以 JSON 输出结果')
    .option('-q, --quiet', '不显示进度')
    .action(async (dir: string, o: { hourLabel: string; json?: boolean; quiet?: boolean }) => {
      const hourLabel = parseChoice<HourLabel>('--hour-label', o.hourLabel, ['start', 'end']);
      await withStore(program.opts<GlobalOptions>(), async (db) => {
        const s = await importPrsa(db, dir, { hourLabel, progress: stderrProgress(o.quiet) });
        const refusal = importRefusal('prsa', s);
        printImportSummary(s, Boolean(o.json), refusal !== null);
        if (refusal) throw refusal;
      });
    });
  imp
    .command('csv')
    .description(
      '导入通用长格式 CSV（列：station,time,pollutant,value[,flag][,unit]），站点须已登记',
    )
    .argument('<file>', 'CSV 文件（可为 .gz）')
    .option(
      '--hour-label <start|end>',
      'time 表示小时的开始（start，默认，HJ 212 约定）还是结束（end，发布约定）',
      'start',
    )
    .option('--skip-bad-rows', '跳过错误行并导入其余行（默认：有错误行则整个文件不导入）')
    .option('--json', '以 JSON 输出结果')
    .option('-q, --quiet', '不显示进度')
    .action(
      async (
        file: string,
        o: { hourLabel: string; skipBadRows?: boolean; json?: boolean; quiet?: boolean },
      ) => {
        const hourLabel = parseChoice<HourLabel>('--hour-label', o.hourLabel, ['start', 'end']);
        await withStore(program.opts<GlobalOptions>(), async (db) => {
          const s = await importLongCsv(db, file, {
            hourLabel,
            skipBadRows: o.skipBadRows,
            progress: stderrProgress(o.quiet),
          });
          const refusal = importRefusal('csv', s);
          printImportSummary(s, Boolean(o.json), refusal !== null);
          if (refusal) throw refusal;
        });
      },
    );
}
