/**
 * `lantian partitions status|ensure|retire`: the month partitions of readings and device_values on
 * PostgreSQL (src/store/partitions/; `serve` runs ensure and retire daily).
 */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { LantianError } from '../../errors.ts';
import { monthLabel } from '../../store/partitions/month.ts';
import { partitionConfigFromEnv } from '../../store/partitions/partition-config.ts';
import { ensureSummary, retireSummary } from '../../store/partitions/partition-job.ts';
import {
  ensurePartitions,
  partitionStatus,
  retirePartitions,
  type TablePartitions,
} from '../../store/partitions/partition-service.ts';
import { withStore, type GlobalOptions } from '../context.ts';
import { parseNumber } from '../options.ts';

/** A whole number of months ≥ `min`, or LT_ERR_BAD_REQUEST naming the option. */
function months(option: string, value: string, min: number): number {
  const n = parseNumber(option, value);
  if (!Number.isInteger(n) || n < min)
    throw new LantianError(
      'LT_ERR_BAD_REQUEST',
      `${option} 应为不小于 ${min} 的整数，收到 "${value}"`,
    );
  return n;
}

/** Bytes as MiB with one decimal. */
function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

function statusText(t: TablePartitions): string {
  const lines = [`${t.table}：月分区 ${t.partitions.length} 个`];
  for (const p of t.partitions)
    lines.push(
      `  ${monthLabel(p.month)}  ${p.name}  约 ${Math.max(0, p.rowsEstimate)} 行  ${mib(p.bytes)}`,
    );
  const waiting = t.defaultRows.reduce((n, r) => n + r.rows, 0);
  lines.push(`  默认分区：${waiting} 行，${mib(t.defaultBytes)}`);
  for (const r of t.defaultRows) lines.push(`    ${monthLabel(r.month)}：${r.rows} 行`);
  if (t.detached.length > 0)
    lines.push(`  已分离（不再查询，可归档后删除）：${t.detached.map(monthLabel).join('、')}`);
  return lines.join('\n') + '\n';
}

/** Registers the partitions command. */
export function registerPartitionsCommands(program: Command): void {
  const g = (): GlobalOptions => program.opts<GlobalOptions>();
  const partitions = program
    .command('partitions')
    .description('PostgreSQL 月分区：小时数据与设备数据按月分区的查看、新建与退役');

  partitions
    .command('status')
    .description('列出各月分区（行数估计、占用空间）、默认分区中的行和已分离的分区')
    .option('--json', '以 JSON 输出')
    .action(async (o: { json?: boolean }) => {
      await withStore(g(), async (db) => {
        const s = await partitionStatus(db);
        if (o.json) process.stdout.write(JSON.stringify(s) + '\n');
        else for (const t of s) process.stdout.write(statusText(t));
      });
    });

  partitions
    .command('ensure')
    .description(
      '新建当前月及之后若干个月的分区，并为默认分区中有数据的月份建分区、移入数据（serve 每天自动进行）',
    )
    .option('--ahead <月数>', '提前建立的月数（默认 LANTIAN_PARTITION_AHEAD_MONTHS，即 3）')
    .action(async (o: { ahead?: string }) => {
      const config = partitionConfigFromEnv();
      const ahead = o.ahead === undefined ? config.aheadMonths : months('--ahead', o.ahead, 0);
      await withStore(g(), async (db) => {
        const r = await ensurePartitions(db, systemClock.now(), { ...config, aheadMonths: ahead });
        for (const t of r) process.stdout.write(ensureSummary(t) + '\n');
      });
    });

  partitions
    .command('retire')
    .description('分离（或删除）超过保留期限的月分区（serve 在设置了保留期限时每天自动进行）')
    .option(
      '--keep-months <月数>',
      '保留当前月之前的整月数（默认 LANTIAN_PARTITION_RETENTION_MONTHS）',
    )
    .option('--drop', '删除分区及其数据，而不是分离（默认按 LANTIAN_PARTITION_RETIRE）')
    .action(async (o: { keepMonths?: string; drop?: boolean }) => {
      const config = partitionConfigFromEnv();
      const keep =
        o.keepMonths === undefined
          ? config.retentionMonths
          : months('--keep-months', o.keepMonths, 1);
      if (keep === undefined) throw new LantianError('LT_ERR_PARTITION_NO_RETENTION');
      await withStore(g(), async (db) => {
        const r = await retirePartitions(
          db,
          systemClock.now(),
          keep,
          o.drop ? 'drop' : config.retire,
        );
        for (const t of r) process.stdout.write(retireSummary(t) + '\n');
      });
    });
}
