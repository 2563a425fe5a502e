/**
 * `lantian tasks …`: key-task dispatch (重点任务调度) from the command line — loading the plan's
 * measures, listing rows by status, reporting and reviewing progress, allocations; the dispatch
 * sheet, notices, reminders and the league table are in src/cli/commands/tasks/dispatch.ts. `--as <user>`
 * acts with that account's role and scope; without it the local operator acts as the city office.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { DiskBlobStore } from '../../blobs/disk-blob-store.ts';
import { systemClock } from '../../clock.ts';
import type { Config } from '../../config.ts';
import { LantianError } from '../../errors.ts';
import type { Db } from '../../store/db.ts';
import { setAllocation } from '../../tasks/allocation-service.ts';
import { registerDispatchCommands } from './tasks/dispatch.ts';
import { formatCounts, formatRow, formatSummary } from './tasks/format.ts';
import {
  actorFor,
  collect,
  osUser,
  out,
  parseValues,
  rowsForCommand,
  withCommonOptions as common,
  type CommonOptions as Common,
  type RowOptions,
} from './tasks/support.ts';
import { loadTasks } from '../../tasks/definition-loader.ts';
import { submitReport } from '../../tasks/report-service.ts';
import { reviewReport } from '../../tasks/review-service.ts';
import { ROW_STATUSES } from '../../tasks/rules/status-rules.ts';
import { loadTaskContext } from '../../tasks/task-context.ts';
import { measureView, rowView } from '../../tasks/task-views.ts';
import { uploadAttachment } from '../../tasks/upload-service.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';

/** Registers the tasks command group. */
export function registerTasksCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const run = <T>(fn: (db: Db, config: Config) => Promise<T>) => withStore(g(), fn);
  const tasks = program
    .command('tasks')
    .description('重点任务调度：任务、进展报送、审核、调度表、预警');

  tasks
    .command('load')
    .description('载入方案的重点任务（data/plans/<方案>/tasks）')
    .argument('<plan>', '方案编号，如 handan-2020')
    .option('--plans-dir <dir>', '方案数据目录（默认为蓝天自带的 data/plans）')
    .option('--json', '以 JSON 输出')
    .action(async (plan: string, o: { plansDir?: string; json?: boolean }) =>
      run(async (db) => {
        const r = await loadTasks(db, systemClock, { actor: `cli:${osUser()}`, ip: null }, plan, {
          plansDir: o.plansDir,
        });
        if (o.json) return out(JSON.stringify(r));
        out(
          `${r.action === 'loaded' ? '已载入' : '未变化'} ${r.plan}（${r.source}）：${formatCounts(r.counts)}`,
        );
        if (r.regionsRegistered) out(`  新登记行政区 ${r.regionsRegistered} 个`);
      }),
    );

  common(
    tasks.command('list').description('列出调度行及状态，如 --status overdue --dept 市生态环境局'),
  )
    .option('--date <date>', '状态日期 YYYY-MM-DD（默认今天）')
    .option('--status <list>', `状态：${ROW_STATUSES.join(',')}`)
    .option('--dept <name>', '牵头部门')
    .option('--unit <unit>', '责任单位（代码或名称）')
    .option('--measure <number>', '任务编号，如 三.(五).2')
    .option('--json', '以 JSON 输出')
    .action(async (o: RowOptions) =>
      run(async (db, config) => {
        const { date, rows } = await rowsForCommand(db, config, o);
        if (o.json) return out(JSON.stringify({ date, rows: rows.map(rowView) }));
        for (const r of rows) out(formatRow(r));
        out(`${date} ${formatSummary(rows)}`);
      }),
    );

  tasks
    .command('show')
    .description('显示一项任务：原文、目标、节点、责任部门和单位')
    .argument('<number>', '任务编号')
    .option('--plan <id>', '方案编号')
    .option('--json', '以 JSON 输出')
    .action(async (number: string, o: { plan?: string; json?: boolean }) =>
      run(async (db) => {
        const c = await loadTaskContext(db, o.plan);
        const v = measureView(c.measure(number), c);
        if (o.json) return out(JSON.stringify(v));
        out(
          `${v.number} ${v.title}\n${v.text}\n牵头部门：${v.departments.join('、')}\n责任单位：${v.units.map((u) => u.name).join('、')}`,
        );
        for (const t of v.targets)
          out(
            `目标 ${t.id} ${t.metric}：${t.value ?? JSON.stringify(t.unitValues)} ${t.unit}（${t.scope === 'city' ? '全市' : '分县'}）`,
          );
        for (const m of v.milestones)
          out(`节点 ${m.id} ${m.date} ${m.label}${m.implicit ? '（方案未定时限）' : ''}`);
      }),
    );

  common(tasks.command('report').description('报送进展（新版本，不覆盖）'))
    .requiredOption('--measure <number>', '任务编号（子任务填子任务编号）')
    .requiredOption('--unit <unit>', '责任单位（代码或名称）')
    .option('--value <v>', '累计完成值：12（唯一指标）或 t1=12，可重复', collect, [])
    .option('--done <ids>', '已完成的清单节点，逗号分隔，如 m1,m2')
    .option('--narrative <text>', '进展情况', '')
    .option('--attach <file>', '附件（照片、PDF、表格），可重复', collect, [])
    .option('--corrects <id>', '更正的报告编号')
    .option('--json', '以 JSON 输出')
    .action(
      async (
        o: Common & {
          measure: string;
          unit: string;
          value: string[];
          done?: string;
          narrative: string;
          attach: string[];
          corrects?: string;
        },
      ) =>
        run(async (db, config) => {
          const who = await actorFor(db, o.as);
          const c = await loadTaskContext(db, o.plan);
          let values = parseValues(o.value);
          if ('*' in values) {
            const m = c.measure(o.measure);
            if (m.targets.length !== 1)
              throw new LantianError(
                'LT_ERR_BAD_REQUEST',
                `${m.number} 有 ${m.targets.length} 个指标，请用 --value t1=…`,
              );
            values = { [m.targets[0]!.id]: values['*']! };
          }
          const blobs = new DiskBlobStore(config.tasks.blobDir);
          const attachments: number[] = [];
          for (const f of o.attach)
            attachments.push(
              (
                await uploadAttachment(
                  db,
                  systemClock,
                  config.tasks,
                  blobs,
                  who,
                  readFileSync(f),
                  basename(f),
                )
              ).id,
            );
          const r = await submitReport(db, systemClock, config.tasks, c, who, {
            number: o.measure,
            unit: o.unit,
            values,
            checklist: o.done
              ? o.done
                  .split(/[,，;；]/)
                  .map((x) => x.trim())
                  .filter(Boolean)
              : [],
            narrative: o.narrative,
            attachments,
            corrects: o.corrects === undefined ? undefined : parseNumber('--corrects', o.corrects),
            source: 'cli',
          });
          if (o.json) return out(JSON.stringify(r));
          out(
            `已报送 #${r.id}：${r.number} ${c.unitName(r.unit)} 第 ${r.version} 版${r.late ? '（逾期完成）' : ''}`,
          );
        }),
    );

  common(tasks.command('review').description('审核进展报告（市大气办）'))
    .argument('<reportId>', '报告编号')
    .option('--accept', '采纳')
    .option('--return', '退回（须填 --comment）')
    .option('--request-evidence', '要求补充材料（须填 --comment）')
    .option('--comment <text>', '审核意见', '')
    .action(
      async (
        id: string,
        o: Common & {
          accept?: boolean;
          return?: boolean;
          requestEvidence?: boolean;
          comment: string;
        },
      ) =>
        run(async (db) => {
          const chosen = [
            o.accept && 'accept',
            o.return && 'return',
            o.requestEvidence && 'request_evidence',
          ].filter(Boolean);
          if (chosen.length !== 1)
            throw new LantianError(
              'LT_ERR_BAD_REQUEST',
              '请选择 --accept、--return 或 --request-evidence 之一',
            );
          const who = await actorFor(db, o.as);
          const r = await reviewReport(
            db,
            systemClock,
            who,
            parseNumber('<reportId>', id),
            chosen[0] as 'accept',
            o.comment,
          );
          out(
            `已审核 #${r.reportId}：${{ accept: '采纳', return: '退回', request_evidence: '要求补充材料' }[r.decision]}`,
          );
        }),
    );

  common(
    tasks.command('allocate').description('任务分解：把全市目标分解到县（市、区）（市大气办）'),
  )
    .requiredOption('--measure <number>', '任务编号')
    .requiredOption('--target <id>', '全市目标的指标编号，如 t1')
    .requiredOption('--unit <unit>', '县（市、区）')
    .requiredOption('--value <n>', '分解值')
    .action(async (o: Common & { measure: string; target: string; unit: string; value: string }) =>
      run(async (db) => {
        const c = await loadTaskContext(db, o.plan);
        const r = await setAllocation(
          db,
          systemClock,
          c,
          await actorFor(db, o.as),
          o.measure,
          o.target,
          o.unit,
          parseNumber('--value', o.value),
        );
        out(`已分解 ${r.number} ${r.targetId}：${c.unitName(r.unit)} ${r.value}`);
      }),
    );

  registerDispatchCommands(tasks, run);
}
