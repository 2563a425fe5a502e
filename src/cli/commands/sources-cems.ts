/**
 * `lantian sources compliance` (an enterprise's month of compliance, or the list of every
 * enterprise's month) and `lantian sources cems-project` (re-projects CEMS hours of outlet
 * devices from their stored uploads over a period: after a crash, a quarantine replay or a change
 * of limits' reference O2). The local operator acts as the city office (sees every enterprise).
 */
import type { Command } from 'commander';
import type { Principal } from '../../auth/principal.ts';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { addDays, HOUR_MS } from '../../standards/local-date.ts';
import { cemsConfig } from '../../sources/cems/cems-config.ts';
import { projectRange } from '../../sources/cems/cems-projector.ts';
import { cityCompliance, enterpriseCompliance } from '../../sources/cems/compliance-service.ts';
import { parseDateRange } from '../../time/date-input.ts';
import { dateStartEpoch } from '../../time/zoned-time.ts';
import { withStore, type GlobalOptions } from '../context.ts';

const OPERATOR: Principal = {
  userId: 0,
  username: 'cli',
  displayName: '本机操作员',
  role: 'city-admin',
  via: 'session',
  mustChangePassword: false,
};

const VERDICT: Record<string, string> = {
  stable: '稳定超低',
  not_stable: '未稳定超低',
  no_data: '无有效数据',
  no_limit: '无限值',
};

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`;
}

function checkMonth(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new LantianError('LT_ERR_BAD_REQUEST', `--month 应为 YYYY-MM，收到 "${month}"`);
  return month;
}

/** Registers `sources`. */
export function registerSourcesCemsCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const sources = program.command('sources').description('污染源：在线监测小时数据与达标');
  sources
    .command('compliance')
    .description('月度达标率与稳定超低判定（指定 --enterprise 时按排放口和污染物列出）')
    .requiredOption('--month <yyyy-mm>', '月份，如 2024-03')
    .option('--enterprise <code>', '统一社会信用代码')
    .option('--json', '输出 JSON')
    .action(async (o: { month: string; enterprise?: string; json?: boolean }) => {
      const month = checkMonth(o.month);
      const config = cemsConfig();
      await withStore(g(), async (db) => {
        const now = systemClock.now();
        if (o.enterprise !== undefined) {
          const r = await enterpriseCompliance(db, config, OPERATOR, o.enterprise, month, now);
          if (o.json) return void process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
          process.stdout.write(
            `${r.enterprise.name} ${month}：有效 ${r.valid} 小时，无效 ${r.invalid}，超标 ${r.over}，达标率 ${percent(r.rate)}，${VERDICT[r.verdict]}\n`,
          );
          for (const out of r.outlets)
            for (const p of out.pollutants)
              process.stdout.write(
                `  ${out.code} ${p.pollutant} 限值 ${p.limit.limit ?? '—'}：有效 ${p.valid}，无效 ${p.invalid}，缺失 ${p.missing}，超标 ${p.over}，达标率 ${percent(p.rate)}，${VERDICT[p.verdict]}，排放量 ${p.cou ?? '—'} kg\n`,
              );
          return;
        }
        const r = await cityCompliance(db, config, OPERATOR, { month }, now);
        if (o.json) return void process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
        if (r.enterprises.length === 0) process.stdout.write(`${month}：没有登记排放口的企业\n`);
        for (const e of r.enterprises)
          process.stdout.write(
            `${e.creditCode} ${e.name}：达标率 ${percent(e.rate)}（有效 ${e.valid}，超标 ${e.over}，无效 ${e.invalid}），${VERDICT[e.verdict]}\n`,
          );
      });
    });
  sources
    .command('cems-project')
    .description('按已存的分钟、小时数据重新生成排放口 CEMS 小时值（幂等）')
    .requiredOption('--from <date>', '起始日期 YYYY-MM-DD（含）')
    .requiredOption('--to <date>', '结束日期 YYYY-MM-DD（含）')
    .action(async (o: { from: string; to: string }) => {
      const { from, to } = parseDateRange(o.from, o.to, 93);
      await withStore(g(), async (db) => {
        const start = dateStartEpoch('Asia/Shanghai', from);
        const end = dateStartEpoch('Asia/Shanghai', addDays(to, 1));
        const r = await projectRange(db, cemsConfig(), start, end, systemClock.now());
        process.stdout.write(
          `已生成 ${r.hours} 个设备小时、${r.rows} 行 CEMS 小时值${r.waiting > 0 ? `；${r.waiting} 个未结束的小时留待结束后生成` : ''}（共 ${(end - start) / HOUR_MS} 小时）\n`,
        );
      });
    });
}
