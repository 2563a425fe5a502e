/**
 * `lantian warning episode …`: the warning episodes (docs/warnings.md "Episodes and notices") —
 * list, show one with its decisions, and decide (issue / upgrade / downgrade / extend / lift)
 * through the same service as the API, resting on a named forecast version (override with a
 * reason). The local operator acts as the city office; every decision is audited.
 */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import {
  COLOURED_LEVELS,
  DEFAULT_WARNING_CONFIG,
  WARNING_ACTIONS,
  type ColouredLevel,
  type WarningAction,
} from '../../standards/warning/index.ts';
import { operatorActor } from '../../tasks/task-context.ts';
import {
  decideOnEpisode,
  episodeDetail,
  episodeList,
  issueWarning,
  type EpisodeDeps,
} from '../../warnings/episodes/episode-service.ts';
import type { EpisodeView } from '../../warnings/episodes/episode-views.ts';
import { DEFAULT_NOTICE_PREFIXES } from '../../warnings/episodes/notice-number.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseChoice } from '../options.ts';

const out = (s: string): void => void process.stdout.write(s + '\n');

/** A positive whole number given on the command line, or LT_ERR_BAD_REQUEST. */
export function positiveId(what: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new LantianError('LT_ERR_BAD_REQUEST', `${what}应为正整数，收到 "${v}"`);
  return n;
}

const STATUS_NAMES: Readonly<Record<string, string>> = { active: '生效中', lifted: '已解除' };
const period = (from: string, to: string | null) => `${from} 至 ${to ?? '另行通知'}`;

/** One line per episode. */
function episodeLine(e: EpisodeView): string {
  return (
    `${e.id}  ${e.regionName}（${e.region}）${e.levelName}  ${STATUS_NAMES[e.status] ?? e.status}  ` +
    `${period(e.from, e.to)}${e.liftedOn ? `  ${e.liftedOn} 解除` : ''}  ${e.edition} 版` +
    `${e.forecastVersionId === null ? '' : `  预报版本 ${e.forecastVersionId}`}`
  );
}

/** An episode with its decisions, for people. */
function episodeText(e: EpisodeView): string[] {
  const lines = [episodeLine(e)];
  for (const d of e.decisions) {
    lines.push(
      `  ${d.seq}. ${d.actionName} ${d.levelName}  ${period(d.from, d.to)}  ${d.noticeNumber}  ${d.decidedBy}` +
        `${d.basis === 'overridden' ? `  （未按预报，理由：${d.overrideReason ?? ''}）` : ''}`,
    );
    lines.push(`     依据：${d.reason}`);
    lines.push(`     通知文件：${d.noticeUrl}`);
    const done = d.confirmations.map((c) => c.unitName).join('、');
    const pending = d.pending.map((u) => u.unitName).join('、');
    if (done) lines.push(`     已确认启动响应：${done}`);
    if (pending) lines.push(`     待确认：${pending}`);
  }
  return lines;
}

/** Options of `warning episode decide`. */
interface DecideOptions {
  region?: string;
  level?: string;
  from?: string;
  to?: string;
  forecast?: string;
  overrideReason?: string;
  json?: boolean;
}

/** Registers `warning episode` under the `warning` command. */
export function registerEpisodeCommands(warning: Command, program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const operator = operatorActor(cliActor());
  const cmd = warning
    .command('episode')
    .description('预警过程：列表、查看、发布/升级/降级/延长/解除');

  cmd
    .command('list')
    .description('预警过程列表（新的在前）')
    .option('--status <status>', 'active（生效中）或 lifted（已解除）')
    .option('--limit <n>', '最多列出的条数', '50')
    .option('--json', '输出 JSON')
    .action(async (o: { status?: string; limit: string; json?: boolean }) => {
      const status = o.status
        ? parseChoice('--status', o.status, ['active', 'lifted'] as const)
        : undefined;
      const limit = positiveId('--limit ', o.limit);
      await withStore(g(), async (db) => {
        const list = await episodeList(db, operator.principal, { status, limit });
        if (o.json) return out(JSON.stringify(list));
        for (const e of list) out(episodeLine(e));
        out(`共 ${list.length} 个预警过程`);
      });
    });

  cmd
    .command('show <id>')
    .description('一个预警过程及其各次决定、通知文号和区县确认情况')
    .option('--json', '输出 JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      await withStore(g(), async (db) => {
        const e = await episodeDetail(db, operator.principal, positiveId('过程 id ', id));
        if (o.json) return out(JSON.stringify(e));
        for (const line of episodeText(e)) out(line);
      });
    });

  cmd
    .command('decide <action> [episode]')
    .description(
      `对预警作出决定：action 为 ${WARNING_ACTIONS.join('、')}；issue 需 --region，其余需过程 id；须依据预报版本（--forecast），否则给出 --override-reason`,
    )
    .option('--region <adcode>', '发布预警的地区（issue）')
    .option('--level <level>', `预警级别：${COLOURED_LEVELS.join('、')}`)
    .option('--from <date>', '起始日期（解除时为解除日期）YYYY-MM-DD')
    .option('--to <date>', '结束日期 YYYY-MM-DD')
    .option('--forecast <id>', '所依据的预报版本 id')
    .option('--override-reason <text>', '未按预报作出决定的理由（记入审计）')
    .option('--json', '输出 JSON')
    .action(async (a: string, episode: string | undefined, o: DecideOptions) => {
      const action = parseChoice<WarningAction>('<action>', a, WARNING_ACTIONS);
      const level = o.level
        ? parseChoice<ColouredLevel>('--level', o.level, COLOURED_LEVELS)
        : undefined;
      const body = {
        level,
        from: o.from,
        to: o.to,
        forecastVersionId: o.forecast ? positiveId('--forecast ', o.forecast) : null,
        override: o.overrideReason ? { reason: o.overrideReason } : null,
      };
      await withStore(g(), async (db) => {
        const deps: EpisodeDeps = {
          db,
          clock: systemClock,
          warningConfig: DEFAULT_WARNING_CONFIG,
          noticePrefixes: DEFAULT_NOTICE_PREFIXES,
        };
        let e: EpisodeView;
        if (action === 'issue') {
          if (!o.region) throw new LantianError('LT_ERR_BAD_REQUEST', '发布预警需要 --region');
          e = await issueWarning(deps, operator.principal, operator.ctx, {
            ...body,
            region: o.region,
          });
        } else {
          if (!episode) throw new LantianError('LT_ERR_BAD_REQUEST', `${a} 需要预警过程 id`);
          e = await decideOnEpisode(
            deps,
            operator.principal,
            operator.ctx,
            positiveId('过程 id ', episode),
            {
              ...body,
              action,
            },
          );
        }
        if (o.json) return out(JSON.stringify(e));
        const d = e.decisions.at(-1)!;
        out(`已${d.actionName}：${e.regionName}${d.levelName}，通知文号 ${d.noticeNumber}`);
        for (const line of episodeText(e)) out(line);
      });
    });
}
