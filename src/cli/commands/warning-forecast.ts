/**
 * `lantian warning forecast …`: the stored forecasts (docs/warnings.md "Forecasts") — import a
 * CSV or Excel file (all or nothing), list the versions, show one version with its recommended
 * level. The local operator acts as the city office.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { WARNING_LEVEL_NAMES, type WarningLevel } from '../../standards/warning/index.ts';
import { operatorActor } from '../../tasks/task-context.ts';
import { DEFAULT_FORECASTS_CONFIG } from '../../warnings/forecasts/forecast-config.ts';
import { readForecastFile } from '../../warnings/forecasts/forecast-files.ts';
import { forecastGrade } from '../../warnings/forecasts/forecast-grade-service.ts';
import { importForecasts } from '../../warnings/forecasts/forecast-import-service.ts';
import { forecastList, forecastShow } from '../../warnings/forecasts/forecast-read-service.ts';
import { cliActor } from '../cli-actor.ts';
import { readInputFile } from '../read-input-file.ts';
import { withStore, type GlobalOptions } from '../context.ts';

const out = (s: string): void => void process.stdout.write(s + '\n');

const ORIGIN_NAMES: Readonly<Record<string, string>> = {
  manual: '手工录入',
  import: '文件导入',
  api: '接口推送',
};

function parseId(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new LantianError('LT_ERR_BAD_REQUEST', `版本 id 应为正整数，收到 "${v}"`);
  return n;
}

const when = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16);

/** Registers `warning forecast` under the `warning` command. */
export function registerForecastCommands(warning: Command, program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const operator = operatorActor(cliActor());
  const config = DEFAULT_FORECASTS_CONFIG;
  const cmd = warning.command('forecast').description('空气质量预报：导入、版本列表、查看');

  cmd
    .command('import <file>')
    .description(
      '导入预报（.xlsx 或 .csv；列：地区代码、发布日期、预报日期、AQI（可写 180-220）、首要污染物、24小时滑动AQI、成因）；任何一行有问题则全部不导入',
    )
    .action(async (file: string) => {
      await withStore(g(), async (db, cfg) => {
        const r = await importForecasts(
          db,
          systemClock,
          config,
          operator.principal,
          operator.ctx,
          async () => ({
            filename: basename(file),
            table: await readForecastFile(basename(file), readInputFile(file), cfg.tasks),
          }),
        );
        for (const v of r.versions)
          out(
            `已导入 ${v.region} 第 ${v.version} 版（id ${v.id}，发布 ${v.issued}，${v.days} 天）`,
          );
      });
    });

  cmd
    .command('list')
    .description('预报版本列表（新的在前），附建议预警级别')
    .option('--region <adcode>', '地区代码')
    .option('--json', '输出 JSON')
    .action(async (o: { region?: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const list = await forecastList(db, operator.principal, config, o.region);
        if (o.json) return out(JSON.stringify(list));
        for (const v of list)
          out(
            `${v.id}  ${v.regionName ?? ''}（${v.region}）第 ${v.version} 版  发布 ${v.issued}  ${v.firstDay} 至 ${v.lastDay}  ` +
              `峰值 AQI ${v.peakAqi}  建议 ${WARNING_LEVEL_NAMES[v.level]}（${v.edition} 版）  ${ORIGIN_NAMES[v.origin] ?? v.origin} ${v.author} ${when(v.createdAt)}`,
          );
        out(`共 ${list.length} 版`);
      });
    });

  cmd
    .command('show <id>')
    .description('一版预报的逐日数据和建议预警级别')
    .option('--json', '输出 JSON（{forecast, grade}）')
    .action(async (id: string, o: { json?: boolean }) => {
      await withStore(g(), async (db) => {
        const v = await forecastShow(db, operator.principal, parseId(id));
        const grade = await forecastGrade(db, operator.principal, v.id, config.warning);
        if (o.json) return out(JSON.stringify({ forecast: v, grade }));
        out(`${v.regionName ?? ''}（${v.region}）预报第 ${v.version} 版，发布于 ${v.issued}`);
        out(
          `  ${ORIGIN_NAMES[v.origin] ?? v.origin}：${v.author}，${when(v.createdAt)}${v.note ? `，${v.note}` : ''}`,
        );
        for (const d of v.days)
          out(
            `  ${d.date}  AQI ${d.aqiLow === null ? d.aqi : `${d.aqiLow}–${d.aqi}`}  首要污染物 ${d.primary.join('、') || '—'}` +
              `${d.rolling24hAqi === null ? '' : `  24小时滑动 ${d.rolling24hAqi}`}${d.cause ? `  成因 ${d.cause}` : ''}`,
          );
        out(`建议：${WARNING_LEVEL_NAMES[grade.level as WarningLevel]}（${grade.document}）`);
        out(`理由：${grade.reason}`);
      });
    });
}
