/** `lantian power …`: electricity sub-metering (分表计电): the HJ 212 projector and line states. */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { findEnterprise } from '../../sources/registry/enterprise-repo.ts';
import { projectPower } from '../../sources/power/power-projector.ts';
import { lineStates } from '../../sources/power/state-service.ts';
import { addDays } from '../../standards/local-date.ts';
import { parseDateRange } from '../../time/date-input.ts';
import { dateStartEpoch, formatLocalIso } from '../../time/zoned-time.ts';
import { readTime } from '../../sources/power/reading-rows.ts';
import { withStore, type GlobalOptions } from '../context.ts';

const STATE = (s: boolean | null) => (s === null ? '未知' : s ? '运行' : '停止');

/** Registers the power commands. */
export function registerPowerCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const power = program
    .command('power')
    .description('分表计电：把数采仪上传的功率转为电表读数，查看生产线与治污设施的运行状态');

  power
    .command('project')
    .description(
      '把已对应电表的数采仪上传值（HJ 212）转为电表读数（serve 运行时每分钟自动进行；重复运行不改变结果）',
    )
    .option(
      '--from <time>',
      '从此时刻起重新读取（当地时间 YYYY-MM-DD HH:MM 或 ISO 8601），不依赖上次位置',
    )
    .action(async (o: { from?: string }) => {
      await withStore(g(), async (db, config) => {
        const from = o.from === undefined ? undefined : readTime(o.from, config.power.timeZone);
        if (from === null) throw new LantianError('LT_ERR_USAGE', `--from ${o.from}：时间无法识别`);
        const r = await projectPower(db, systemClock, config.power, from);
        process.stdout.write(
          `电表 ${r.meters} 个，读取上传值 ${r.values} 条，写入读数 ${r.written} 条\n`,
        );
      });
    });

  power
    .command('states')
    .description('企业各生产线逐小时的生产、治污运行状态')
    .requiredOption('--enterprise <code>', '企业统一社会信用代码')
    .requiredOption('--from <date>', '起始日期 YYYY-MM-DD')
    .requiredOption('--to <date>', '结束日期 YYYY-MM-DD（含）')
    .option('--json', '以 JSON 输出')
    .action(async (o: { enterprise: string; from: string; to: string; json?: boolean }) => {
      await withStore(g(), async (db, config) => {
        const tz = config.power.timeZone;
        const e = await findEnterprise(db.kysely, o.enterprise.trim().toUpperCase());
        if (!e) throw new LantianError('LT_ERR_ENTERPRISE_NOT_FOUND', o.enterprise);
        const range = parseDateRange(o.from, o.to, config.power.maxRangeDays);
        const from = dateStartEpoch(tz, range.from);
        const to = dateStartEpoch(tz, addDays(range.to, 1));
        const lines = await lineStates(db.kysely, e.id, from, to, config.power.rules);
        if (o.json) {
          process.stdout.write(JSON.stringify(lines.map(({ lineId: _, ...l }) => l)) + '\n');
          return;
        }
        for (const l of lines) {
          process.stdout.write(`${l.code} ${l.name}\n`);
          for (const h of l.hours)
            process.stdout.write(
              `  ${formatLocalIso(tz, h.time).slice(0, 16)}  生产${STATE(h.production)}  治污${STATE(h.treatment)}${h.production === true && h.treatment === false ? '  ⚠ 生产运行而治污停运' : ''}\n`,
            );
        }
      });
    });
}
