/**
 * `lantian plan …`: load a plan kept as data, create and edit plan versions, and read its
 * progress, rankings and notices. Edits are audited with the actor `cli:<os user>`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { refuseNul } from '../../nul-character.ts';
import { generateNotices, noticesOf, transitionNotice } from '../../plan/notice-service.ts';
import { loadPlan } from '../../plan/plan-loader.ts';
import { listPlans } from '../../plan/plan-repo.ts';
import {
  createDraft,
  createPlan,
  planVersions,
  publishVersion,
  resolvePlanVersion,
} from '../../plan/plan-service.ts';
import { planProgress } from '../../plan/progress-service.ts';
import { planRanking } from '../../plan/ranking-service.ts';
import {
  NOTICE_KIND_NAMES,
  NOTICE_STATUSES,
  NOTICE_STATUS_NAMES,
  type NoticeStatus,
} from '../../plan/rules/notice-workflow.ts';
import { STATUS_NAMES } from '../../plan/rules/status.ts';
import { cliActor } from '../cli-actor.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseChoice, parseNumber } from '../options.ts';
import { percentText } from '../percent-text.ts';
import { editBaseline, editTarget } from '../../plan/plan-edits.ts';

const out = (s: string) => process.stdout.write(s + '\n');
const json = (v: unknown) => out(JSON.stringify(v, null, 2));
const optNum = (name: string, v: string | undefined) =>
  v === undefined ? undefined : v === '' || v === 'null' ? null : parseNumber(name, v);
const version = (v: string | undefined) =>
  v === undefined ? undefined : parseNumber('--plan-version', v);

/** Registers the plan commands. */
export function registerPlanCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const plan = program.command('plan').description('工作方案：目标、版本、时序进度、排名和通知');

  plan
    .command('load <id>')
    .description('载入 data/plans/<id>/ 中的方案（行政区、站点、目标），重复载入不会重复写入')
    .option('--dir <dir>', '方案目录的上级目录（默认为蓝天自带的 data/plans）')
    .option('--draft', '只保存为草稿，不发布')
    .action(async (id: string, o: { dir?: string; draft?: boolean }) => {
      await withStore(g(), async (db) => {
        const r = await loadPlan(db, systemClock, cliActor(), id, {
          plansDir: o.dir,
          publish: !o.draft,
        });
        const what = {
          created: '已创建',
          unchanged: '没有变化',
          'new-version': '已生成新版本',
          'draft-updated': '已更新草稿',
        }[r.action];
        out(
          `${r.plan.document.name}（${id}）${what}：第 ${r.plan.version} 版（${r.plan.status === 'published' ? '已发布' : '草稿'}）`,
        );
        out(
          `  行政区 ${r.regions} 个，站点 ${r.stations} 个，考核单位 ${r.plan.document.units.length} 个；文件 ${r.files.join('、')}`,
        );
      });
    });

  plan
    .command('list')
    .description('列出工作方案')
    .action(async () => {
      await withStore(g(), async (db) => {
        for (const p of await listPlans(db)) out(`${p.id}\t${p.year}\t${p.city_adcode}\t${p.name}`);
      });
    });

  plan
    .command('show <id>')
    .description('显示方案（默认最新已发布版本）及其目标')
    .option('--plan-version <n>', '版本号')
    .option('--versions', '列出所有版本')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, o: { planVersion?: string; versions?: boolean; json?: boolean }) => {
      await withStore(g(), async (db) => {
        if (o.versions) {
          const vs = await planVersions(db, id);
          if (o.json) return json(vs.map(({ document: _d, ...v }) => v));
          for (const v of vs)
            out(`第 ${v.version} 版\t${v.status}\t${v.createdBy}\t${v.note ?? ''}`);
          return;
        }
        const v = await resolvePlanVersion(db, id, version(o.planVersion));
        if (o.json) return json(v);
        const d = v.document;
        out(
          `${d.name}（${d.id}）第 ${v.version} 版 ${v.status === 'published' ? '已发布' : '草稿'}`,
        );
        out(
          `${d.city.name}：PM2.5 ${d.city.target.pm25 ?? '—'} µg/m³（下降 ${percentText(d.city.target.pm25ReductionPct)}），优良率 ${percentText(d.city.target.goodRatePct)}`,
        );
        out('单位\t代码\tPM2.5\t优良天数\t优良率\t重污染上限\t2019 PM2.5');
        for (const u of d.units)
          out(
            `${u.name}\t${u.adcode}\t${u.target.pm25 ?? '—'}\t${u.target.goodDays ?? '—'}\t${u.target.goodRatePct ?? '—'}\t${u.target.heavyDays ?? '—'}\t${u.baseline.pm25 ?? '—'}${u.baseline.pm25 !== null && !u.baseline.verified ? '（未核实）' : ''}`,
          );
      });
    });

  plan
    .command('create')
    .description('由 JSON 文件创建新方案（第 1 版草稿）')
    .requiredOption('--file <path>', '方案 JSON')
    .option('--publish', '立即发布')
    .action(async (o: { file: string; publish?: boolean }) => {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(o.file, 'utf8'));
      } catch (e) {
        throw new LantianError('LT_ERR_PLAN_INVALID', `${o.file}: ${(e as Error).message}`);
      }
      refuseNul(doc, o.file);
      await withStore(g(), async (db) => {
        const v = await createPlan(db, systemClock, cliActor(), doc, { publish: !!o.publish });
        out(`已创建 ${v.planId} 第 ${v.version} 版（${v.status}）`);
      });
    });

  plan
    .command('draft <id>')
    .description('由最新版本（或 --from 指定版本）新建草稿版本')
    .option('--from <n>', '复制自哪个版本')
    .option('--note <text>', '修改说明')
    .action(async (id: string, o: { from?: string; note?: string }) => {
      await withStore(g(), async (db) => {
        const v = await createDraft(db, systemClock, cliActor(), id, version(o.from), o.note);
        out(`已新建 ${id} 第 ${v.version} 版草稿`);
      });
    });

  plan
    .command('set-target <id>')
    .description('修改草稿版本中某单位（或市本级）的目标')
    .requiredOption('--plan-version <n>', '草稿版本号')
    .requiredOption('--unit <adcode>', '单位代码')
    .option('--pm25 <v>', 'PM2.5 目标（µg/m³），null 表示无')
    .option('--good-days <n>', '优良天数目标')
    .option('--good-rate <pct>', '优良率目标（%）')
    .option('--heavy-days <n>', '重污染天数上限')
    .action(
      async (
        id: string,
        o: {
          planVersion: string;
          unit: string;
          pm25?: string;
          goodDays?: string;
          goodRate?: string;
          heavyDays?: string;
        },
      ) => {
        await withStore(g(), async (db) => {
          const v = await editTarget(
            db,
            systemClock,
            cliActor(),
            id,
            parseNumber('--plan-version', o.planVersion),
            o.unit,
            {
              pm25: optNum('--pm25', o.pm25),
              goodDays: optNum('--good-days', o.goodDays),
              goodRatePct: optNum('--good-rate', o.goodRate),
              heavyDays: optNum('--heavy-days', o.heavyDays),
            },
          );
          out(`已修改 ${id} 第 ${v.version} 版 ${o.unit} 的目标`);
        });
      },
    );

  plan
    .command('set-baseline <id>')
    .description('修改草稿版本中某单位（或市本级）的基准年数据')
    .requiredOption('--plan-version <n>', '草稿版本号')
    .requiredOption('--unit <adcode>', '单位代码')
    .option('--pm25 <v>', '基准年 PM2.5 年均浓度')
    .option('--verified', '已核实（有公开来源）')
    .option('--source <text>', '来源')
    .action(
      async (
        id: string,
        o: {
          planVersion: string;
          unit: string;
          pm25?: string;
          verified?: boolean;
          source?: string;
        },
      ) => {
        await withStore(g(), async (db) => {
          await editBaseline(
            db,
            systemClock,
            cliActor(),
            id,
            parseNumber('--plan-version', o.planVersion),
            o.unit,
            {
              pm25: optNum('--pm25', o.pm25),
              verified: !!o.verified,
              ...(o.source !== undefined ? { source: o.source } : {}),
            },
          );
          out(`已修改 ${id} 第 ${o.planVersion} 版 ${o.unit} 的基准`);
        });
      },
    );

  plan
    .command('publish <id>')
    .description('发布草稿版本（发布后不可修改）')
    .requiredOption('--plan-version <n>', '版本号')
    .action(async (id: string, o: { planVersion: string }) => {
      await withStore(g(), async (db) => {
        await publishVersion(
          db,
          systemClock,
          cliActor(),
          id,
          parseNumber('--plan-version', o.planVersion),
        );
        out(`已发布 ${id} 第 ${o.planVersion} 版`);
      });
    });

  plan
    .command('progress <id>')
    .description('时序进度：截至某日各单位目标完成情况和年底预计')
    .requiredOption('--date <date>', '截至日期 YYYY-MM-DD')
    .option('--plan-version <n>', '方案版本')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, o: { date: string; planVersion?: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const p = await planProgress(db, id, o.date, version(o.planVersion));
        if (o.json) return json(p);
        out(`${p.plan.name} 截至 ${p.asOf}（时序进度 ${p.pace.elapsedDays}/${p.pace.yearDays}）`);
        out('单位\tPM2.5累计/目标\t预计年均\t优良天数/应达/目标\t重污染/上限\t状态');
        for (const s of p.subjects) {
          if (s.state !== 'ok') {
            out(`${s.name}\t${s.state === 'no_station' ? '无考核站点' : '无有效数据'}`);
            continue;
          }
          out(
            `${s.name}\t${s.pm25.soFar}/${s.pm25.target ?? '—'}\t${s.pm25.projected === null ? '—' : Math.round(s.pm25.projected)}\t${s.goodDays.soFar}/${s.goodDays.expectedByPace?.toFixed(1) ?? '—'}/${s.goodDays.target ?? s.goodDays.targetRatePct ?? '—'}\t${s.heavyDays.used}/${s.heavyDays.ceiling ?? '—'}\t${STATUS_NAMES[s.status]}`,
          );
        }
      });
    });

  plan
    .command('rank <id>')
    .description(
      '排名：--period 2020-11（月）、2020-Q4（季）、2020（年）或 2020-11-30（年初至该日）',
    )
    .requiredOption('--period <period>', '期间')
    .option('--plan-version <n>', '方案版本')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, o: { period: string; planVersion?: string; json?: boolean }) => {
      await withStore(g(), async (db) => {
        const r = await planRanking(db, id, o.period, version(o.planVersion));
        if (o.json) return json(r);
        out(
          `${r.period.title}（${r.period.from} 至 ${r.period.to}）综合指数排名；${r.editions.assessment}，AQI ${r.editions.aqi}`,
        );
        out('排名\t单位\t综合指数\tPM2.5\t优良率\t同比%\t后十');
        const rows = [...r.rows].sort(
          (a, b) => (a.ranks.compositeIndex ?? 1e9) - (b.ranks.compositeIndex ?? 1e9),
        );
        for (const x of rows)
          out(
            `${x.ranks.compositeIndex ?? '—'}\t${x.name}\t${x.figures.compositeIndex ?? '—'}\t${x.figures.pm25 ?? '—'}\t${x.figures.goodRatePct ?? '—'}\t${x.ranks.compositeChangePct ?? '—'}\t${x.ranks.bottom ? '后十' : ''}${x.state === 'no_station' ? '无考核站点' : x.state === 'no_data' ? '无有效数据' : ''}`,
          );
      });
    });

  plan
    .command('notices <id>')
    .description('通知：列出，或以 --generate 按月生成预警通知函、约谈建议和排名通报草稿')
    .option('--month <yyyy-mm>', '月份')
    .option('--generate', '生成（需要 --month）')
    .option('--json', '以 JSON 输出')
    .action(async (id: string, o: { month?: string; generate?: boolean; json?: boolean }) => {
      await withStore(g(), async (db) => {
        if (o.generate) {
          if (!o.month) throw new LantianError('LT_ERR_BAD_REQUEST', '--generate 需要 --month');
          const r = await generateNotices(db, systemClock, cliActor(), id, o.month);
          if (o.json) return json(r);
          for (const n of r) out(`${n.id}\t${n.action}\t${NOTICE_KIND_NAMES[n.kind]}\t${n.title}`);
          return;
        }
        const r = await noticesOf(db, id, o.month ? { period: o.month } : {});
        if (o.json) return json(r);
        for (const n of r)
          out(
            `${n.id}\t${n.period}\t${NOTICE_STATUS_NAMES[n.status]}\t${NOTICE_KIND_NAMES[n.kind]}\t${n.title}`,
          );
      });
    });

  plan
    .command('notice <noticeId>')
    .description('通知流转：draft → reviewed → issued → responded')
    .requiredOption('--to <status>', `目标状态（${NOTICE_STATUSES.join(' | ')}）`)
    .option('--text <text>', '反馈内容或说明')
    .action(async (noticeId: string, o: { to: string; text?: string }) => {
      const to = parseChoice<NoticeStatus>('--to', o.to, NOTICE_STATUSES);
      await withStore(g(), async (db) => {
        const n = await transitionNotice(
          db,
          systemClock,
          cliActor(),
          parseNumber('通知编号', noticeId),
          to,
          o.text,
        );
        out(`通知 ${n.id} 已${NOTICE_STATUS_NAMES[n.status]}`);
      });
    });
}
