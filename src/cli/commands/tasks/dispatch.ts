/**
 * The dispatch commands of `lantian tasks`: the 调度表 out (sheet) and in (import), the daily run
 * (refresh), warning notice drafts, reminders and the league table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { systemClock } from '../../../clock.ts';
import { formatLeague, formatSummary } from './format.ts';
import {
  actorFor,
  out,
  rowsForCommand,
  withCommonOptions as common,
  type CommonOptions as Common,
  type RowOptions,
  type StoreRunner,
} from './support.ts';
import {
  addressee,
  draftWarning,
  league,
  remindersDue,
} from '../../../tasks/warning-notice-service.ts';
import { refreshRange } from '../../../tasks/refresh-service.ts';
import { dispatchSheetXlsx } from '../../../tasks/sheet-export.ts';
import { importDispatchSheet } from '../../../tasks/sheet-import-service.ts';
import { todayOf } from '../../../tasks/status-service.ts';
import { loadTaskContext } from '../../../tasks/task-context.ts';

/** Registers sheet, import, refresh, notice, reminders and league under `tasks`. */
export function registerDispatchCommands(tasks: Command, run: StoreRunner): void {
  common(tasks.command('sheet').description('导出调度表（Excel）'))
    .requiredOption('--out <file>', '输出文件，如 调度表.xlsx')
    .option('--date <date>', '截至日期（默认今天）')
    .option('--status <list>', '只导出这些状态')
    .option('--dept <name>', '牵头部门')
    .option('--unit <unit>', '责任单位')
    .action(async (o: RowOptions & { out: string }) =>
      run(async (db, config) => {
        const { c, date, rows } = await rowsForCommand(db, config, o);
        writeFileSync(o.out, await dispatchSheetXlsx(c.plan, rows, date, config.tasks.timeZone));
        out(`已写出 ${o.out}：${formatSummary(rows)}`);
      }),
    );

  common(tasks.command('import').description('从调度表（Excel）导入进展；有错行则全部不导入'))
    .argument('<file>', '调度表 .xlsx')
    .option('--json', '以 JSON 输出')
    .action(async (file: string, o: Common) =>
      run(async (db, config) => {
        const who = await actorFor(db, o.as);
        const c = await loadTaskContext(db, o.plan);
        const r = await importDispatchSheet(
          db,
          systemClock,
          config.tasks,
          c,
          who,
          readFileSync(file),
          basename(file),
        );
        if (o.json) return out(JSON.stringify(r));
        out(
          `已导入 ${file}：读取 ${r.rows} 行，新报告 ${r.reports.length} 份，未变化 ${r.unchanged} 项`,
        );
      }),
    );

  common(
    tasks
      .command('refresh')
      .description('逐日调度：记录状态变化，生成预警通知函和提醒（每天运行一次）'),
  )
    .option('--date <date>', '调度日期（默认今天）')
    .option('--from <date>', '从该日起逐日补跑')
    .option('--json', '以 JSON 输出')
    .action(async (o: Common & { from?: string }) =>
      run(async (db, config) => {
        const c = await loadTaskContext(db, o.plan);
        const to = o.date ?? todayOf(systemClock, config.tasks);
        const rs = await refreshRange(
          db,
          config.tasks,
          c,
          await actorFor(db, o.as),
          o.from ?? to,
          to,
          systemClock.now(),
        );
        if (o.json) return out(JSON.stringify(rs));
        for (const r of rs)
          out(
            `${r.date}：${r.rows} 行，状态变化 ${r.changes.length} 行，预警通知函 ${r.notices.filter((x) => x.kind === 'warning').length} 份，提醒 ${r.notices.filter((x) => x.kind === 'reminder').length} 份`,
          );
      }),
    );

  common(tasks.command('notice').description('起草预警通知函（不保存）'))
    .option('--unit <unit>', '县（市、区）')
    .option('--dept <name>', '部门')
    .option('--date <date>', '截至日期（默认今天）')
    .option('--json', '以 JSON 输出')
    .action(async (o: Common & { unit?: string; dept?: string }) =>
      run(async (db, config) => {
        const c = await loadTaskContext(db, o.plan);
        const date = o.date ?? todayOf(systemClock, config.tasks);
        const d = await draftWarning(db, config.tasks, c, addressee(c, o.unit, o.dept), date);
        if (o.json) return out(JSON.stringify(d));
        out(d ? `${d.title}\n\n${d.body}` : `截至 ${date} 没有滞后或逾期的任务`);
      }),
    );

  common(tasks.command('reminders').description('当日应发的节点到期提醒'))
    .option('--date <date>', '日期（默认今天）')
    .action(async (o: Common) =>
      run(async (db, config) => {
        const c = await loadTaskContext(db, o.plan);
        const date = o.date ?? todayOf(systemClock, config.tasks);
        for (const gr of await remindersDue(db, config.tasks, c, date, await actorFor(db, o.as)))
          for (const r of gr.reminders)
            out(
              `${gr.to.name}\t${r.row.measure.number}\t${r.milestone.date} ${r.milestone.label}\t还有 ${r.daysLeft} 天`,
            );
      }),
    );

  common(tasks.command('league').description('按期完成率排名（县区、部门）'))
    .option('--date <date>', '日期（默认今天）')
    .option('--json', '以 JSON 输出')
    .action(async (o: Common) =>
      run(async (db, config) => {
        const c = await loadTaskContext(db, o.plan);
        const date = o.date ?? todayOf(systemClock, config.tasks);
        const t = await league(db, config.tasks, c, date);
        if (o.json) return out(JSON.stringify({ date, ...t }));
        out(`县（市、区）按期完成率（截至 ${date}）`);
        for (const l of t.units) out(formatLeague(l));
        out('部门按期完成率');
        for (const l of t.departments) out(formatLeague(l));
      }),
    );
}
