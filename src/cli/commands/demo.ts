/** `lantian demo handan`: a simulated Handan to explore the platform with. */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { runHandanDemo } from '../../demo/handan-demo.ts';
import type { WarningsDemoSummary } from '../../demo/warnings-demo.ts';
import { WARNING_LEVEL_NAMES, type WarningLevel } from '../../standards/warning/index.ts';
import { epochToLocalDate } from '../../time/zoned-time.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';
import { stderrProgress } from '../progress-bar.ts';
import { addDays } from '../../standards/local-date.ts';

interface DemoCliOptions {
  from: string;
  to: string;
  perUnit: string;
  sourceDays: string;
  quiet?: boolean;
}

/** What the demo's warnings part did, in Chinese. */
function warningsLine(w: WarningsDemoSummary): string {
  if (w.present) return '重污染天气预警演示数据已存在，未重复生成\n';
  const cut = Object.entries(w.reductions)
    .map(([p, pct]) => `${p} ${pct}%`)
    .join('、');
  return (
    `重污染天气预警（模拟）：预报 ${w.forecasts} 版（市级建议${WARNING_LEVEL_NAMES[w.recommended as WarningLevel]}），` +
    `本地措施矩阵 ${w.matrixCells} 格（本地示例，未核实），橙色减排清单已发布（预计减排 ${cut}），` +
    `橙色预警生效（过程 ${w.activeEpisodeId}），已解除的历史过程 ${w.liftedEpisodeId} 可查看评估\n`
  );
}

/** Registers the demo command. */
export function registerDemoCommand(program: Command): void {
  const demo = program.command('demo').description('演示数据');
  demo
    .command('handan')
    .description(
      '载入邯郸 2020 年工作方案和重点任务，并为 4 个国控点和各县区模拟站点生成小时监测数据（按邯郸公开数据校准；标为模拟数据，不覆盖已有数据）；附模拟企业和重污染天气预警（预报、减排清单、预警过程）',
    )
    .option(
      '--from <date>',
      '起始日期 YYYY-MM-DD（默认 2019-01-01，含基准年以便同比）',
      '2019-01-01',
    )
    .option('--to <date>', '结束日期 YYYY-MM-DD（默认 2020-12-31，不晚于今天）', '2020-12-31')
    .option('--per-unit <n>', '每个县区的模拟站点数', '1')
    .option('--source-days <n>', '模拟企业在线监测和分表计电数据的天数（截至当前小时）', '31')
    .option('-q, --quiet', '不显示进度')
    .action(async (o: DemoCliOptions) => {
      const today = epochToLocalDate('Asia/Shanghai', systemClock.now());
      const to = o.to > today ? addDays(today, 0) : o.to;
      await withStore(program.opts<GlobalOptions>(), async (db) => {
        const s = await runHandanDemo(db, systemClock, {
          from: o.from,
          to,
          perUnit: parseNumber('--per-unit', o.perUnit),
          sourceDays: parseNumber('--source-days', o.sourceDays),
          actor: cliActor().actor,
          progress: stderrProgress(o.quiet),
        });
        process.stdout.write(
          `已载入方案 ${s.plan}（重点任务 ${s.tasks} 项）；模拟站点 ${s.stations} 个，${s.days} 天，` +
            `小时数据 ${s.readings} 条，站点日统计 ${s.stationDays} 条（数据来源：模拟）\n` +
            (s.sources.present
              ? `模拟企业 ${s.sources.enterprises} 家已存在，未重复生成\n`
              : `模拟企业 ${s.sources.enterprises} 家，在线监测排放口 ${s.sources.outlets} 个，` +
                `小时监测数据 ${s.sources.cemsHours} 条，分表计电读数 ${s.sources.powerReadings} 条` +
                `（可用 lantian simulate --sources-demo 继续实时发送）\n`) +
            warningsLine(s.warnings),
        );
      });
    });
}
