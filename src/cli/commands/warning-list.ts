/**
 * `lantian warning list …`: the emergency-reduction lists (docs/warnings.md "Emergency-reduction
 * lists") — generate a draft for a region and level from the registry, publish it (a shortfall
 * against the level's target is refused unless a reason is given), export it as the 清单 workbook
 * (one sheet per county). The local operator acts as the city office; generation and publishing
 * are audited.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { operatorActor } from '../../tasks/task-context.ts';
import { generateList, listView, publishList } from '../../warnings/lists/list-service.ts';
import { listWorkbook } from '../../warnings/lists/list-export.ts';
import { LIST_LEVELS, type ListLevel } from '../../warnings/lists/rules/enterprise-measures.ts';
import { BASIS_NAMES, LEVEL_NAMES, measuresText } from '../../warnings/lists/rules/measure-text.ts';
import { REDUCTION_POLLUTANTS } from '../../warnings/measures.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseChoice } from '../options.ts';
import { positiveId } from './warning-episode.ts';

const out = (s: string): void => void process.stdout.write(s + '\n');

type ListView = Awaited<ReturnType<typeof listView>>;

const STATUS_NAMES: Readonly<Record<string, string>> = {
  draft: '草稿',
  published: '已发布',
  superseded: '已被新版本替代',
};
const KIND_NAMES: Readonly<Record<string, string>> = {
  industrial: '应急减排清单',
  'voc-stagger': 'VOCs 错峰生产清单',
};

/** A list's head, its totals against the target, and (with `items`) one line per enterprise. */
function listText(l: ListView, items: boolean): string[] {
  const lines = [
    `清单 ${l.id}：${l.region} ${LEVEL_NAMES[l.level]}预警${KIND_NAMES[l.kind]}第 ${l.version} 版（${STATUS_NAMES[l.status] ?? l.status}），` +
      `${l.itemCount} 家企业，依据 ${l.edition}`,
  ];
  for (const p of REDUCTION_POLLUTANTS) {
    const t = l.totals[p];
    if (!t) continue;
    lines.push(
      `  ${p}：基准 ${t.baseline} kg/日，预计减排 ${t.expected} kg/日（${t.achievedPct}%，目标 ${t.targetPct}%）${t.achievedPct < t.targetPct ? ' 未达标' : ''}`,
    );
  }
  if (l.shortfall.length > 0)
    lines.push(
      `  减排不足：${l.shortfall.join('、')}${l.shortfallOverridden ? `（已说明理由发布：${l.overrideReason ?? ''}）` : ''}`,
    );
  if (items)
    for (const i of l.items)
      lines.push(
        `  ${i.creditCode}  ${i.enterprise}  ${i.county}  ${i.grade ?? '未分级'}  ${BASIS_NAMES[i.basis] ?? i.basis}  ${measuresText(i.measures)}`,
      );
  return lines;
}

/** Registers `warning list` under the `warning` command. */
export function registerListCommands(warning: Command, program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const operator = operatorActor(cliActor());
  const cmd = warning.command('list').description('应急减排清单：生成、发布、导出');

  cmd
    .command('generate')
    .description('按名录、措施矩阵和一企一策为地区（含下辖区县）生成某级预警的清单草稿（新版本）')
    .requiredOption('--region <adcode>', '地区代码')
    .requiredOption('--level <level>', `预警级别：${LIST_LEVELS.join('、')}`)
    .option(
      '--kind <kind>',
      'industrial（应急减排，默认）或 voc-stagger（VOCs 错峰）',
      'industrial',
    )
    .option('--items', '逐家列出企业和措施')
    .option('--json', '输出 JSON')
    .action(
      async (o: {
        region: string;
        level: string;
        kind: string;
        items?: boolean;
        json?: boolean;
      }) => {
        const level = parseChoice<ListLevel>('--level', o.level, LIST_LEVELS);
        const kind = parseChoice('--kind', o.kind, ['industrial', 'voc-stagger'] as const);
        await withStore(g(), async (db) => {
          const l = await generateList(db, systemClock, operator.principal, operator.ctx, {
            region: o.region,
            level,
            kind,
          });
          if (o.json) return out(JSON.stringify(l));
          out(`已生成草稿`);
          for (const line of listText(l, o.items === true)) out(line);
        });
      },
    );

  cmd
    .command('publish <id>')
    .description('发布清单草稿；预计减排低于目标时须给出 --reason')
    .option('--reason <text>', '减排不足仍发布的理由（记入审计）')
    .option('--json', '输出 JSON')
    .action(async (id: string, o: { reason?: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const l = await publishList(
          db,
          systemClock,
          operator.principal,
          operator.ctx,
          positiveId('清单 id ', id),
          o.reason,
        );
        if (o.json) return out(JSON.stringify(l));
        out(`已发布`);
        for (const line of listText(l, false)) out(line);
      });
    });

  cmd
    .command('export <id>')
    .description('导出清单 Excel（每个区县一个工作表）')
    .requiredOption('--out <file>', '输出文件（.xlsx）')
    .option('--county <adcode>', '只导出一个区县')
    .action(async (id: string, o: { out: string; county?: string }) => {
      await withStore(g(), async (db) => {
        const l = await listView(db, operator.principal, positiveId('清单 id ', id));
        const bytes = await listWorkbook(db, l, o.county);
        writeFileSync(o.out, bytes);
        out(
          `已导出 ${o.out}（${l.region} ${LEVEL_NAMES[l.level]}预警第 ${l.version} 版，${bytes.length} 字节）`,
        );
      });
    });
}
